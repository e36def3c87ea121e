#!/usr/bin/env bash
# Smoke test of the Windows build under Wine (`make package-test`):
#
#   smoke-test.sh dist/SalonChat.exe dist/SalonChat-VERSION-linux-amd64/salonchat VERSION
#
# It runs SalonChat.exe's subcommands in a Wine prefix of its own (.wine-test/, kept for
# the next run) and compares them with the Linux build: version; demo into a folder
# with Cyrillic and a space in its name; export (the same records as the Linux build's
# export of the same demo); the default data folder under %APPDATA% of a user with a
# Cyrillic name; the single-instance lock and the log file while `serve` runs; the
# support report; and a screenshot of the window itself on a virtual display.
# Everything it writes is in dist/package-test/.
#
# The stand-in bcryptprimitives.dll it builds (see bcryptprimitives.c) goes into the
# test prefix only; it is never part of a package.
set -euo pipefail

exe=$(realpath "$1")
linux=$(realpath "$2")
version=$3
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/dist/package-test
export WINEPREFIX=${WINEPREFIX:-$root/.wine-test/prefix}
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine converts arguments and names with the Unix locale's charset: it must be UTF-8
# (C.UTF-8 is the one every Debian has; the program then speaks Russian, both builds
# alike, so that their lines compare).
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES=
# Wine names the Windows user after $USER: a Cyrillic name with a space, as a salon's
# front-desk PC may have, so that %APPDATA% is C:\users\Мария Иванова\AppData\Roaming.
export USER='Мария Иванова' LOGNAME='Мария Иванова'

failures=0
start=$SECONDS
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
step() { echo "----  $* ($((SECONDS - start)) s)"; }

rm -rf "$out" && mkdir -p "$out"
# Wine starts programs in the Unix working folder: anything written relative to it
# lands here, not in the source tree.
cd "$out"

step "Wine prefix $WINEPREFIX"
if [ ! -f "$WINEPREFIX/system.reg" ] || [ ! -d "$WINEPREFIX/drive_c/users/$USER" ]; then
	rm -rf "$WINEPREFIX" && mkdir -p "$WINEPREFIX"
	wineboot -i >"$out/wineboot.log" 2>&1 || true
	wineserver -w
fi
dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
src=$root/packaging/wine/bcryptprimitives.c
if [ ! -f "$dll" ] || [ "$src" -nt "$dll" ]; then
	"${MINGW_CC:-x86_64-w64-mingw32-gcc}" -shared -O2 -o "$dll" "$src" -ladvapi32
fi

# win runs the exe; Wine's own chatter goes to wine.log, the program's stdout to $1.
win() {
	local stdout=$1
	shift
	wine "$exe" "$@" >"$stdout" 2>>"$out/wine-stderr.log"
}
# windir is the Unix path of a C:\ path in the prefix.
windir() { local p=${1#C:\\}; echo "$WINEPREFIX/drive_c/${p//\\//}"; }

step "version"
if win "$out/version.txt" version && grep -q "SalonChat $version " "$out/version.txt"; then
	pass "version: $(cat "$out/version.txt")"
else
	fail "version: $(cat "$out/version.txt")"
fi

# Started from cmd.exe without a redirect, the GUI-subsystem exe attaches to cmd's
# console; script(1) gives Wine's console a terminal to draw on.
step "version from cmd.exe, printed on its console"
if command -v script >/dev/null; then
	cp "$exe" "$out/SalonChat.exe"
	timeout 60 script -qc "wine cmd /c 'start /wait SalonChat.exe version'" /dev/null >"$out/console.txt" 2>&1 || true
	if grep -q "SalonChat $version (сборка" "$out/console.txt"; then
		pass "console: $(grep -o "SalonChat $version ([^)]*)" "$out/console.txt")"
	else
		fail "console: $(cat -v "$out/console.txt" | head -3)"
	fi
	rm -f "$out/SalonChat.exe"
else
	echo "SKIP  console: script(1) missing"
fi

demo='C:\salon демо'
step "demo --data '$demo'"
rm -rf "$(windir "$demo")" "$out/linux-demo"
win "$out/demo-windows.txt" demo --data "$demo" || true
"$linux" demo --data "$out/linux-demo" >"$out/demo-linux.txt" 2>>"$out/linux-stderr.log"
if [ -f "$(windir "$demo")/salonchat.db" ] && [ "$(tail -1 "$out/demo-windows.txt")" = "$(tail -1 "$out/demo-linux.txt")" ]; then
	pass "demo: $(tail -1 "$out/demo-windows.txt") (the same as Linux), store in C:\\salon демо"
else
	fail "demo: Windows \"$(tail -1 "$out/demo-windows.txt")\", Linux \"$(tail -1 "$out/demo-linux.txt")\""
fi

step "export --data '$demo'"
win "$out/export-windows.jsonl" export --data "$demo" || true
"$linux" export --data "$out/linux-demo" >"$out/export-linux.jsonl" 2>>"$out/linux-stderr.log"
count() { grep -o '^{"type":"[a-z_]*"' "$1" | sort | uniq -c; }
if [ -s "$out/export-windows.jsonl" ] && [ "$(count "$out/export-windows.jsonl")" = "$(count "$out/export-linux.jsonl")" ]; then
	pass "export: $(wc -l <"$out/export-windows.jsonl") records, by type the same as Linux:" $(count "$out/export-windows.jsonl")
else
	fail "export: Windows $(wc -l <"$out/export-windows.jsonl") records, Linux $(wc -l <"$out/export-linux.jsonl")"
	diff <(count "$out/export-windows.jsonl") <(count "$out/export-linux.jsonl") || true
fi

# Without --data the store goes to %APPDATA%\SalonChat (Go's os.UserConfigDir).
appdata="C:\\users\\$USER\\AppData\\Roaming"
step "demo without --data: %APPDATA% is $appdata"
rm -rf "$(windir "$appdata")/SalonChat"
if win "$out/demo-appdata.txt" demo && [ -f "$(windir "$appdata")/SalonChat/salonchat.db" ]; then
	pass "default data folder: %APPDATA%\\SalonChat under $appdata"
else
	fail "default data folder: no salonchat.db in $(windir "$appdata")/SalonChat: $(cat "$out/demo-appdata.txt")"
fi

step "serve holds the folder; a second SalonChat is refused; the log file"
log=$(windir "$demo")/logs/salonchat.log
rm -f "$log"
wine "$exe" serve --data "$demo" >"$out/serve.txt" 2>&1 &
for _ in $(seq 120); do grep -q 'msg=serving' "$log" 2>/dev/null && break; sleep 0.5; done
if grep -q 'msg=serving' "$log" 2>/dev/null; then
	pass "log file: logs\\salonchat.log in the data folder: $(grep -c . "$log") lines"
else
	fail "log file: no 'serving' line in $log"
fi
code=0
wine "$exe" export --data "$demo" >"$out/second.txt" 2>&1 || code=$?
if [ "$code" = 1 ] && grep -q 'уже открыт' "$out/second.txt"; then
	pass "single instance: a second SalonChat on the folder exits 1: $(grep 'уже открыт' "$out/second.txt")"
else
	fail "single instance: the second SalonChat exited $code"
fi
wineserver -k || true
wait || true

step "report --data '$demo'"
win "$out/report.txt" report --data "$demo" --out 'C:\SalonChat-report.zip' || true
zip=$WINEPREFIX/drive_c/SalonChat-report.zip
entries=$(unzip -Z1 "$zip" 2>/dev/null | sort | tr '\n' ' ')
if [ "$entries" = "accounts.json logs/salonchat.log store.json versions.json " ] &&
	unzip -p "$zip" versions.json | grep -q '"os": "windows"' && unzip -p "$zip" versions.json | grep -q '"fyne": "v2'; then
	pass "report: $entries; versions.json: windows, $(unzip -p "$zip" versions.json | grep -o '"fyne": "[^"]*"')"
	unzip -p "$zip" versions.json >"$out/report-versions.json"
else
	fail "report: entries \"$entries\""
fi

step "the window on a virtual display"
if command -v xvfb-run >/dev/null && command -v import >/dev/null; then
	shot=$root/dist/SalonChat-windows-wine.png
	rm -f "$shot" "$log"
	# Wine's desktop process must start on the virtual display, not linger from the
	# display-less runs above.
	wineserver -k || true
	wineserver -w || true
	# --demo: the demo salon (filled into "$1-demo" on this first visit) runs no
	# connectors, so the picture shows what an administrator trying SalonChat sees, not
	# the made-up accounts' connection errors.
	xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
		wine "$0" --demo --data "$1" >"$3" 2>&1 &
		sleep 40
		import -window root "$2"
		wineserver -k' "$exe" "$demo" "$shot" "$out/window.txt" || true
	colours=$(identify -format %k "$shot" 2>/dev/null || echo 0)
	# The window was still open when the picture was taken: its log says it started and
	# did not exit (a start that fails shows an error window, which has colours too).
	if [ "$colours" -gt 100 ] && grep -q 'msg=start command=window' "$log" && ! grep -q 'msg=exit command=window' "$log"; then
		pass "window: the demo salon open after 40 s; screenshot $shot ($colours colours)"
	else
		fail "window: screenshot $shot ($colours colours); log: $(cat "$log" 2>/dev/null); output: $(head -3 "$out/window.txt")"
	fi
else
	echo "SKIP  window: xvfb-run or import missing"
fi

echo "==> package-test: $failures failed, $((SECONDS - start)) s; output in $out"
[ "$failures" = 0 ]

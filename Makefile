# SalonChat: build, run and test. On a fresh Debian/Ubuntu machine with Go 1.26,
# `make run` and `make test` install what is missing and do the rest.

SHELL     := /bin/bash
GO        ?= go
BINARY    := salonchat
# Each benchmark runs about this long; the storage fixture (100 000 chats) is built once.
BENCHTIME ?= 1s
DEMO_DIR  ?= ./demo-data
ARGS      ?=

# Debian packages for Fyne's cgo build (GL, X11), the headless test display, and emoji in
# ordinary text.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth fonts-noto-color-emoji
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT  := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: deps build run test bench fmt lint demo

# apt-install installs those of the Debian packages $(2) that are missing; $(1) names the
# set in the messages.
define apt-install
	@missing=""; \
	for p in $(2); do \
		dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "$(1): all $(words $(2)) packages present"; exit 0; fi; \
	echo "$(1): installing$$missing"; \
	$(APT) update -q && $(APT) install -y -q$$missing
endef

## deps: install the Debian packages that are missing (nothing when all are there)
deps:
	$(call apt-install,deps,$(APT_PACKAGES))

## build: the salonchat binary (the first cgo build of Fyne takes 3-5 minutes)
build: deps
	$(GO) build -o $(BINARY) ./cmd/salonchat

## run: build and start SalonChat (pass flags with ARGS="--data DIR")
run: build
	./$(BINARY) $(ARGS)

## test: go vet, then every test with the race detector on a virtual display
test: deps
	@log=$$(mktemp); vet=ok; tests=ok; \
	echo "==> go vet ./..."; \
	$(GO) vet ./... || vet=FAILED; \
	echo "==> go test -race -count=1 ./...  (under xvfb-run)"; \
	set -o pipefail; \
	xvfb-run -a -s "-screen 0 1366x768x24" $(GO) test -race -count=1 ./... 2>&1 | tee "$$log" || tests=FAILED; \
	echo; \
	echo "==> summary: go vet $$vet; go test $$tests:" \
		"$$(grep -c '^ok' "$$log") packages passed," \
		"$$(grep -cP '^FAIL\t' "$$log") failed," \
		"$$(grep -c '^?' "$$log") without tests"; \
	grep -P '^(FAIL\t|--- FAIL)' "$$log" || true; \
	rm -f "$$log"; \
	[ "$$vet" = ok ] && [ "$$tests" = ok ]

## bench: every benchmark once, BENCHTIME each (a few minutes in all)
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime=$(BENCHTIME) -timeout 30m ./...

## fmt: gofmt every Go file
fmt:
	gofmt -w .

## lint: fail on unformatted files, then go vet
lint: deps
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## demo: fill $(DEMO_DIR) with the demo salon (data already there is kept aside, not deleted)
demo: build
	./$(BINARY) demo --data $(DEMO_DIR) --force

# ---------------------------------------------------------------------------------------
# Packages (README, "Packages"). The name, id and version come from assets/FyneApp.toml,
# the one place they are written; the program reads the same file.

APP_TOML   := assets/FyneApp.toml
toml-value  = $(shell sed -n 's/^[[:space:]]*$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' $(APP_TOML))
APP_NAME   := $(call toml-value,Name)
APP_ID     := $(call toml-value,ID)
VERSION    := $(call toml-value,Version)
BUILD_NO   := $(call toml-value,Build)
# The commit, for `salonchat version` and support reports; empty outside a git checkout.
COMMIT     := $(shell git describe --always --dirty 2>/dev/null)
LDFLAGS    := -s -w -X main.commit=$(COMMIT)

DIST       := dist
LINUX_PKG  := SalonChat-$(VERSION)-linux-amd64
WIN_EXE    := $(DIST)/SalonChat.exe

# fyne's packaging tool, pinned, in a project-local bin/ (not on anyone's PATH).
FYNE_TOOLS_VERSION := v1.7.4
LOCAL_BIN  := $(CURDIR)/bin
FYNE       := $(LOCAL_BIN)/fyne
MINGW_CC   := x86_64-w64-mingw32-gcc
WIN_APT_PACKAGES  := gcc-mingw-w64-x86-64
# wine64 runs the exe; xvfb, xauth and imagemagick (import) take the window's screenshot.
WINE_APT_PACKAGES := wine wine64 xvfb xauth imagemagick unzip

.PHONY: package package-linux package-windows package-test deps-windows deps-wine

## package: the Windows exe and the Linux tar.xz in dist/
package: package-windows package-linux

## package-linux: dist/SalonChat-VERSION-linux-amd64.tar.xz (binary, icon, .desktop, Makefile)
package-linux: deps
	@test -n "$(VERSION)" || { echo "no Version in $(APP_TOML)"; exit 1; }
	rm -rf $(DIST)/$(LINUX_PKG) && mkdir -p $(DIST)/$(LINUX_PKG)
	CGO_ENABLED=1 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(DIST)/$(LINUX_PKG)/salonchat ./cmd/salonchat
	cp assets/icon.png $(DIST)/$(LINUX_PKG)/salonchat.png
	cp packaging/linux/ru.salonchat.app.desktop packaging/linux/Makefile packaging/linux/README.txt $(DIST)/$(LINUX_PKG)/
	tar -C $(DIST) -cJf $(DIST)/$(LINUX_PKG).tar.xz $(LINUX_PKG)
	@echo "==> $(DIST)/$(LINUX_PKG).tar.xz ($$(du -h $(DIST)/$(LINUX_PKG).tar.xz | cut -f1))"

## deps-windows: the MinGW cross-compiler and fyne's packaging tool
deps-windows:
	$(call apt-install,deps-windows,$(WIN_APT_PACKAGES))
	@$(FYNE) version 2>/dev/null | grep -q '$(FYNE_TOOLS_VERSION)' || \
		{ echo "deps-windows: installing fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION) into bin/"; \
		  GOBIN=$(LOCAL_BIN) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); }

# The exe is built from a copy of the source tree (git's files, edits included): `fyne
# package` writes fyne.syso and fyne_metadata_init.go next to main.go while it works, and
# a Windows object file there would break a Linux build running at the same time.
WIN_SRC := $(DIST)/.windows-src

## package-windows: dist/SalonChat.exe, cross-compiled with MinGW (cold: about 6 minutes)
package-windows: deps-windows
	@test -n "$(VERSION)" || { echo "no Version in $(APP_TOML)"; exit 1; }
	rm -rf $(WIN_SRC) && mkdir -p $(WIN_SRC)
	git ls-files -z --cached --others --exclude-standard | \
		xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done' sh | \
		tar --null -T - -cf - | tar -C $(WIN_SRC) -xf -
	sed -e 's/@NAME@/$(APP_NAME)/' -e 's/@VERSION@/$(VERSION).$(BUILD_NO)/' \
		packaging/windows/SalonChat.exe.manifest > $(WIN_SRC)/cmd/salonchat/salonchat.exe.manifest
	@# The commit goes in as a source file of the copy: fyne package builds twice and
	@# hands the -ldflags of GOFLAGS to the first build only.
	printf 'package main\n\nfunc init() { commit = "%s" }\n' '$(COMMIT)' > $(WIN_SRC)/cmd/salonchat/commit_release.go
	cd $(WIN_SRC)/cmd/salonchat && \
		CC=$(MINGW_CC) GOOS=windows GOARCH=amd64 \
		$(FYNE) package -os windows -release -name $(APP_NAME) -app-id $(APP_ID) \
			-app-version $(VERSION) -app-build $(BUILD_NO) -icon $(CURDIR)/assets/icon.png
	mv $(WIN_SRC)/cmd/salonchat/$(APP_NAME).exe $(WIN_EXE)
	rm -rf $(WIN_SRC)
	@echo "==> $(WIN_EXE) ($$(du -h $(WIN_EXE) | cut -f1))"

## deps-wine: Wine and what the smoke test's screenshot needs
deps-wine:
	$(call apt-install,deps-wine,$(WINE_APT_PACKAGES))

## package-test: run the Windows build under Wine and compare it with the Linux build
package-test: package-windows package-linux deps-wine
	MINGW_CC=$(MINGW_CC) packaging/wine/smoke-test.sh $(WIN_EXE) $(DIST)/$(LINUX_PKG)/salonchat $(VERSION)

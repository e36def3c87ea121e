package main

import (
	"fmt"
	"io"
	"os"

	"salonchat/atomicfile"
	"salonchat/export"
	"salonchat/inbox"
)

// runExport writes the data folder's history as JSON lines to stdout or, with --out, to
// a file that appears only when the export is complete.
func runExport(e *env, args []string) int {
	fs := e.flags("export")
	client := fs.Uint64("client", 0, e.tr.T("cli.flag.client"))
	out := fs.String("out", "", e.tr.T("cli.flag.out"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	store, err := openStore(e.cfg)
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	filter := export.Filter{Client: inbox.ClientID(*client)}
	if *out == "" {
		if err := export.Write(e.stdout, store, filter); err != nil {
			return e.fail("export", err)
		}
		return exitOK
	}
	if err := writeFile(*out, func(w io.Writer) error { return export.Write(w, store, filter) }); err != nil {
		return e.fail("export", err)
	}
	fmt.Fprintln(e.stderr, e.tr.T("export.written", map[string]any{"File": *out}))
	return exitOK
}

// writeFile writes path through a temporary file beside it, readable by this user only
// (an export holds clients' personal data), and renames it into place when write
// succeeded.
func writeFile(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, func(f *os.File) error { return write(f) })
}

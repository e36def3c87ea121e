package main

import (
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"fyne.io/fyne/v2/lang"

	"salonchat/assets"
	"salonchat/i18n"
	"salonchat/inbox"
)

// translator loads the bundled translations in the language of the environment:
// English when the locale says so, Russian otherwise.
func translator() (*i18n.Translator, error) {
	files, err := fs.Sub(assets.Translations, assets.TranslationsDir)
	if err != nil {
		return nil, err
	}
	return i18n.New(files, systemLocale())
}

// systemLocale is the user's locale as POSIX variables give it, or as the operating
// system reports it where there are none (Windows, macOS).
func systemLocale() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return l
		}
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		return "" // the variables above are all there is; Fyne would only log an error
	}
	return lang.SystemLocale().String()
}

// fail tells the person what went wrong in their language and logs the cause chain for
// whoever looks into it; what names the step that failed. It returns exitError.
func (e *env) fail(what string, err error) int {
	fmt.Fprintln(e.stderr, e.tr.Err(err))
	if key, _ := inbox.ErrorKey(err); key == "error.internal" {
		e.log.Error(what, "err", err)
	} else {
		e.log.Debug(what, "err", err) // the message above says it all
	}
	return exitError
}

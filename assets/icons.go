package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

// icons holds the channel icons: simple round marks in each network's colour, drawn for
// SalonChat (not the networks' trademark files), small enough to stay sharp at 24–32 px.
//
//go:embed icons/*.svg
var icons embed.FS

// channelIcons maps a network name (inbox.Network's value) to its icon. It is read once
// at start-up from the embedded files and never changed.
var channelIcons = loadChannelIcons()

func loadChannelIcons() map[string]fyne.Resource {
	out := map[string]fyne.Resource{}
	for _, name := range []string{"whatsapp", "telegram", "vk"} {
		data, err := icons.ReadFile("icons/" + name + ".svg")
		if err != nil {
			panic("assets: missing channel icon " + name) // a build mistake, caught by the tests
		}
		out[name] = fyne.NewStaticResource(name+".svg", data)
	}
	return out
}

// ChannelIcon returns the icon of a network ("whatsapp", "telegram", "vk"), or nil for a
// network SalonChat does not know.
func ChannelIcon(network string) fyne.Resource { return channelIcons[network] }

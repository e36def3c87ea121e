package demo

import (
	"math"
	"math/rand/v2"
)

// sizes returns how many messages each chat gets: one each, and the rest spread by a
// Zipf-like law with a flattened head (weight of rank r: 1/(1+(r-1)/10)^0.995). For
// 100 000 chats and 1 000 000 messages that gives a median of 3 and a biggest chat of
// about 9 800, as PERFORMANCE.md describes. Ranks are shuffled over the chats.
func sizes(rng *rand.Rand, chats, messages int) []int {
	const head, slope = 10.0, 0.995
	w := make([]float64, chats)
	var sum float64
	for r := range w {
		w[r] = 1 / math.Pow(1+float64(r)/head, slope)
		sum += w[r]
	}
	extra := messages - chats
	out := make([]int, chats)
	total := 0
	for r := range out {
		x := float64(extra) * w[r] / sum
		n := int(x)
		if rng.Float64() < x-float64(n) {
			n++
		}
		out[r] = 1 + n
		total += out[r]
	}
	out[0] += messages - total // rounding: the biggest chat absorbs the difference
	if out[0] < 1 {
		out[0] = 1
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

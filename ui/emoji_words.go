package ui

import "strings"

// emojiRussianWords lets a Russian administrator search the picker in Russian: the
// library names emoji in English only. Each Russian stem maps to English name parts;
// read-only data.
var emojiRussianWords = [][2]string{
	{"улыб", "smil grin"}, {"смех", "joy laugh rofl"}, {"смеш", "joy laugh"}, {"сердц", "heart"},
	{"любов", "heart love kiss"}, {"поцел", "kiss"}, {"цвет", "flower blossom rose tulip bouquet"},
	{"роз", "rose"}, {"букет", "bouquet"}, {"спасиб", "pray thank"}, {"ногт", "nail"}, {"маник", "nail"},
	{"стриж", "haircut scissors"}, {"ножниц", "scissors"}, {"помад", "lipstick"}, {"подар", "gift"},
	{"праздн", "tada party confetti"}, {"огон", "fire"}, {"звезд", "star"}, {"солн", "sun"},
	{"кофе", "coffee"}, {"класс", "+1 thumbsup ok_hand"}, {"ок", "ok"}, {"палец", "thumbs +1 -1 point"},
	{"плач", "cry sob"}, {"слез", "cry sob tear"}, {"груст", "sad disappointed pensive"}, {"злой", "angry rage"},
	{"час", "clock alarm hourglass watch"}, {"врем", "clock hourglass"}, {"календ", "calendar date"},
	{"место", "pushpin round_pushpin"}, {"адрес", "pushpin"}, {"телеф", "phone telephone"},
	{"деньг", "money dollar"}, {"блест", "sparkles"}, {"привет", "wave"}, {"рук", "hand wave clap"},
	{"хлоп", "clap"}, {"глаз", "eye"}, {"удив", "astonished open_mouth"}, {"думa", "thinking"},
	{"дума", "thinking"}, {"сон", "sleep zzz"}, {"снег", "snow"}, {"дожд", "rain umbrella"},
}

// emojiTerms turns the search text into terms; a Russian word becomes the English name
// parts it stands for, any of which may match.
func emojiTerms(query string) [][]string {
	var terms [][]string
	for _, w := range strings.Fields(strings.ToLower(query)) {
		alts := []string{w}
		for _, rw := range emojiRussianWords {
			if strings.HasPrefix(w, rw[0]) || strings.HasPrefix(rw[0], w) && len([]rune(w)) >= 3 {
				alts = append(alts, strings.Fields(rw[1])...)
			}
		}
		terms = append(terms, alts)
	}
	return terms
}

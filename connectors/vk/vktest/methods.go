package vktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"salonchat/connectors/internal/conntest"
)

// usualMessages are VK's error_msg texts for the codes tests use.
var usualMessages = map[int]string{
	1:   "Unknown error occurred",
	5:   "User authorization failed: invalid access_token (4).",
	6:   "Too many requests per second",
	9:   "Flood control",
	10:  "Internal server error",
	15:  "Access denied: no access to call this method",
	27:  "Group authorization failed: method is unavailable with group auth.",
	100: "One of the parameters specified was missing or invalid",
	900: "Can't send messages for users from blacklist",
	901: "Can't send messages for users without permission",
	902: "Can't send messages to this user due to their privacy settings",
}

// method answers /method/<name>.
func (s *Server) method(w http.ResponseWriter, r *http.Request, name string) {
	s.count(name)
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		s.writeError(w, r, Failure{Code: 8, Message: "Invalid request: POST with a form expected"})
		return
	}
	s.mu.Lock()
	s.versions[r.PostForm.Get("v")] = true
	if r.Form.Has("access_token") {
		s.bodyAuth = true
	}
	token := s.token
	s.mu.Unlock()
	switch {
	case r.Header.Get("Authorization") != "Bearer "+token:
		s.writeError(w, r, Failure{Code: 5})
		return
	case r.PostForm.Get("v") != APIVersion:
		s.writeError(w, r, Failure{Code: 8, Message: "Invalid request: versions other than " + APIVersion + " are not served here"})
		return
	}
	f, failed := s.nextFailure(name)
	if failed && !f.Lost {
		s.writeError(w, r, f)
		return
	}
	resp, ferr := s.call(name, r)
	switch {
	case failed:
		drop(w) // done, but the answer is lost
	case ferr != nil:
		s.writeError(w, r, *ferr)
	default:
		writeJSON(w, map[string]any{"response": resp})
	}
}

// call does a method and returns its response or a VK error.
func (s *Server) call(name string, r *http.Request) (any, *Failure) {
	f := r.PostForm
	switch name {
	case "groups.getById":
		return s.groupsGetByID(f.Get("group_id"))
	case "groups.getTokenPermissions":
		return s.tokenPermissions(), nil
	case "groups.getLongPollSettings":
		return map[string]any{"is_enabled": true, "api_version": APIVersion, "events": map[string]int{"message_new": 1}}, nil
	case "groups.setLongPollSettings":
		settings := map[string]string{}
		for k := range f {
			settings[k] = f.Get(k)
		}
		s.mu.Lock()
		s.lpSettings = settings
		s.mu.Unlock()
		return 1, nil
	case "groups.getLongPollServer":
		return s.longPollServer(f.Get("group_id"))
	case "users.get":
		return s.usersGet(f.Get("user_ids")), nil
	case "messages.send":
		return s.send(f)
	case "photos.getMessagesUploadServer":
		return map[string]any{"album_id": -3, "upload_url": s.URL() + "/upload/photo?act=do_add&mid=0&aid=-3&gid=" + strconv.Itoa(GroupID), "group_id": GroupID}, nil
	case "docs.getMessagesUploadServer":
		if f.Get("peer_id") == "" {
			return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: peer_id is undefined"}
		}
		return map[string]any{"upload_url": s.URL() + "/upload/doc?act=add_doc&mid=0&gid=" + strconv.Itoa(GroupID)}, nil
	case "photos.saveMessagesPhoto":
		return s.savePhoto(f.Get("photo"), f.Get("hash"))
	case "docs.save":
		return s.saveDoc(f.Get("file"), f.Get("title"))
	}
	return nil, &Failure{Code: 3, Message: "Unknown method passed"}
}

func (s *Server) groupsGetByID(ids string) (any, *Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := GroupID
	if ids != "" {
		n, err := strconv.Atoi(strings.Split(ids, ",")[0])
		if err != nil {
			return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: group_ids is undefined"}
		}
		id = n
	}
	g := map[string]any{"id": id, "name": GroupName, "screen_name": "club" + strconv.Itoa(id), "is_closed": 0,
		"type": "group", "photo_50": "https://sun9-1.userapi.com/s/v1/ig2/club.jpg?size=50x50"}
	if s.deactivated != "" && id == GroupID {
		g["deactivated"] = s.deactivated
	}
	return []any{g}, nil
}

func (s *Server) tokenPermissions() any {
	masks := map[string]int{"stories": 1, "photos": 4, "app_widget": 64, "messages": 4096, "docs": 131072, "manage": 262144}
	s.mu.Lock()
	defer s.mu.Unlock()
	var perms []any
	mask := 0
	for _, r := range s.rights {
		perms = append(perms, map[string]any{"name": r, "setting": masks[r]})
		mask |= masks[r]
	}
	return map[string]any{"mask": mask, "permissions": perms}
}

func (s *Server) usersGet(ids string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []any{}
	for _, part := range strings.Split(ids, ",") {
		id, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		u, ok := s.users[id]
		if !ok {
			out = append(out, map[string]any{"id": id, "first_name": "DELETED", "last_name": "", "deactivated": "deleted"})
			continue
		}
		out = append(out, map[string]any{"id": id, "first_name": u.first, "last_name": u.last,
			"screen_name": u.screen, "can_access_closed": true, "is_closed": false})
	}
	return out
}

// send answers messages.send: random_id is required, and a random_id this peer already
// got returns the earlier message's id without sending again.
func (s *Server) send(f map[string][]string) (any, *Failure) {
	get := func(k string) string {
		if v := f[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	peer, err := strconv.Atoi(get("peer_id"))
	if err != nil || peer == 0 {
		return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: peer_id is undefined"}
	}
	random, err := strconv.ParseInt(get("random_id"), 10, 32)
	if err != nil {
		return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: random_id is a required parameter"}
	}
	if get("message") == "" && get("attachment") == "" && get("lat") == "" {
		return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: message is empty or invalid"}
	}
	if n := len([]rune(get("message"))); n > 4096 {
		return nil, &Failure{Code: 914, Message: "Message is too long"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if code := s.denied[peer]; code != 0 {
		return nil, &Failure{Code: code}
	}
	key := fmt.Sprintf("%d/%d", peer, random)
	if id, ok := s.byRandom[key]; ok && random != 0 {
		return id, nil
	}
	s.nextMsg++
	reply, _ := strconv.Atoi(get("reply_to"))
	s.sent = append(s.sent, Sent{PeerID: peer, RandomID: random, MessageID: s.nextMsg, Text: get("message"),
		Attachments: get("attachment"), ReplyTo: reply, Lat: get("lat"), Long: get("long")})
	s.byRandom[key] = s.nextMsg
	return s.nextMsg, nil
}

func (s *Server) savePhoto(photo, hash string) (any, *Failure) {
	var list []struct {
		Photo string `json:"photo"`
	}
	if err := json.Unmarshal([]byte(photo), &list); err != nil || len(list) == 0 || !strings.HasPrefix(hash, "h") {
		return nil, &Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: photos_list is invalid"}
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(list[0].Photo, "up"))
	return []any{map[string]any{"id": 457239000 + n, "owner_id": -GroupID, "album_id": -3, "access_key": fmt.Sprintf("ak%d", n),
		"date": time.Now().Unix(), "sizes": []any{}}}, nil
}

func (s *Server) saveDoc(file, title string) (any, *Failure) {
	up, _, ok := strings.Cut(file, "|")
	n, err := strconv.Atoi(strings.TrimPrefix(up, "up"))
	if !ok || err != nil {
		return nil, &Failure{Code: 1152, Message: "Invalid document title"}
	}
	return map[string]any{"type": "doc", "doc": map[string]any{"id": 675000000 + n, "owner_id": -GroupID, "title": title,
		"size": s.uploadSize(n), "ext": extOf(title), "date": time.Now().Unix(), "type": 1,
		"url": fmt.Sprintf("https://vk.com/doc-%d_%d?hash=h&dl=d", GroupID, 675000000+n)}}, nil
}

func (s *Server) uploadSize(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 || n > len(s.uploads) {
		return 0
	}
	return len(s.uploads[n-1].Data)
}

func extOf(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i+1:]
	}
	return ""
}

// writeError answers with a VK API error, naming the request's parameters as VK does.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, f Failure) {
	if f.HTML {
		conntest.WriteHTML(w, http.StatusBadGateway)
		return
	}
	msg := f.Message
	if msg == "" {
		msg = usualMessages[f.Code]
	}
	params := []any{map[string]string{"key": "method", "value": strings.TrimPrefix(r.URL.Path, "/method/")},
		map[string]string{"key": "oauth", "value": "1"}, map[string]string{"key": "v", "value": r.PostForm.Get("v")}}
	writeJSON(w, map[string]any{"error": map[string]any{"error_code": f.Code, "error_msg": msg, "request_params": params}})
}

package catalog

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Video content types accepted on upload (sniffed from the first bytes).
var videoTypes = map[string]string{"video/mp4": "mp4", "video/webm": "webm"}

var (
	// A YouTube id is 11 base64url characters encoding 64 bits, so the last character carries
	// only 4 of its 6 bits: one of 16 values.
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$`)
	vimeoID   = regexp.MustCompile(`^[1-9][0-9]{0,11}$`)
)

var youtubeHosts = map[string]bool{
	"youtube.com": true, "www.youtube.com": true, "m.youtube.com": true, "music.youtube.com": true,
	"youtube-nocookie.com": true, "www.youtube-nocookie.com": true,
}

var vimeoHosts = map[string]bool{"vimeo.com": true, "www.vimeo.com": true}

// ErrVideoURL is the answer for anything that is not a plain YouTube or Vimeo video link.
var ErrVideoURL = apperr.Field("url", "must be a YouTube link (youtube.com/watch?v=…, youtu.be/…, /embed/…, /shorts/…) or a Vimeo link (vimeo.com/123…, player.vimeo.com/video/123…)")

// ParseVideoURL reads a YouTube or Vimeo link and returns the provider (MediaYouTube or
// MediaVimeo) and the video id. Only the id is kept: the page never embeds what a user typed,
// only a URL the server builds from a strictly checked id (EmbedURL).
func ParseVideoURL(raw string) (MediaKind, string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 2048 {
		return "", "", ErrVideoURL
	}
	if !strings.Contains(raw, "://") { // "youtu.be/abc" typed without a scheme
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Port() != "" || u.Opaque != "" {
		return "", "", ErrVideoURL
	}
	host := strings.ToLower(u.Hostname())
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	one := func(want int) bool { return len(segs) == want }
	switch {
	case host == "youtu.be":
		if one(1) && youtubeID.MatchString(segs[0]) {
			return MediaYouTube, segs[0], nil
		}
	case youtubeHosts[host]:
		switch {
		case one(1) && segs[0] == "watch":
			if v := u.Query()["v"]; len(v) == 1 && youtubeID.MatchString(v[0]) {
				return MediaYouTube, v[0], nil
			}
		case one(2) && (segs[0] == "embed" || segs[0] == "shorts" || segs[0] == "live" || segs[0] == "v") && youtubeID.MatchString(segs[1]):
			return MediaYouTube, segs[1], nil
		}
	case vimeoHosts[host]:
		if one(1) && vimeoID.MatchString(segs[0]) {
			return MediaVimeo, segs[0], nil
		}
	case host == "player.vimeo.com":
		if one(2) && segs[0] == "video" && vimeoID.MatchString(segs[1]) {
			return MediaVimeo, segs[1], nil
		}
	}
	return "", "", ErrVideoURL
}

// EmbedURL is the player address for a linked video: YouTube's privacy-enhanced host (no
// cookies until the visitor plays) and Vimeo's player. Both hosts are the only frame sources the
// SPA's Content-Security-Policy allows.
func EmbedURL(kind MediaKind, id string) string {
	switch kind {
	case MediaYouTube:
		return "https://www.youtube-nocookie.com/embed/" + id
	case MediaVimeo:
		return "https://player.vimeo.com/video/" + id
	}
	return ""
}

package catalog

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseVideoURL(t *testing.T) {
	const yt = "M7lc1UVf-VE"
	for _, tc := range []struct {
		in   string
		kind MediaKind // "" = refused
		id   string
	}{
		{"https://www.youtube.com/watch?v=" + yt, MediaYouTube, yt},
		{"https://youtube.com/watch?v=" + yt + "&t=42s&list=PL1", MediaYouTube, yt},
		{"http://m.youtube.com/watch?v=" + yt, MediaYouTube, yt},
		{"https://music.youtube.com/watch?v=" + yt, MediaYouTube, yt},
		{"https://youtu.be/" + yt, MediaYouTube, yt},
		{"https://youtu.be/" + yt + "?si=abc&t=10", MediaYouTube, yt},
		{"youtu.be/" + yt, MediaYouTube, yt},
		{"  https://www.youtube.com/embed/" + yt + "  ", MediaYouTube, yt},
		{"https://www.youtube-nocookie.com/embed/" + yt, MediaYouTube, yt},
		{"https://www.youtube.com/shorts/" + yt, MediaYouTube, yt},
		{"https://www.youtube.com/live/" + yt, MediaYouTube, yt},
		{"HTTPS://WWW.YOUTUBE.COM/watch?v=" + yt, MediaYouTube, yt},
		{"https://youtu.be/" + yt + "/", MediaYouTube, yt},
		{"https://vimeo.com/76979871", MediaVimeo, "76979871"},
		{"https://www.vimeo.com/76979871?share=copy", MediaVimeo, "76979871"},
		{"https://player.vimeo.com/video/76979871", MediaVimeo, "76979871"},
		{"vimeo.com/1", MediaVimeo, "1"},

		// Not a video link, or not one we embed.
		{"", "", ""},
		{"javascript:alert(1)", "", ""},
		{"javascript://www.youtube.com/watch?v=" + yt, "", ""},
		{"data:text/html,<script>alert(1)</script>", "", ""},
		{"ftp://youtu.be/" + yt, "", ""},
		{"https://evil.example/watch?v=" + yt, "", ""},
		{"https://youtube.com.evil.example/watch?v=" + yt, "", ""},
		{"https://www.youtube.com@evil.example/watch?v=" + yt, "", ""},
		{"https://user:pass@www.youtube.com/watch?v=" + yt, "", ""},
		{"https://www.youtube.com:8443/watch?v=" + yt, "", ""},
		{"https://notyoutube.com/watch?v=" + yt, "", ""},
		{"https://www.youtube.com/watch?v=" + yt + "&v=dQw4w9WgXcQ", "", ""},
		{"https://www.youtube.com/watch?v=short", "", ""},
		{"https://www.youtube.com/watch?v=M7lc1UVf-VEX", "", ""},                                   // 12 characters
		{"https://www.youtube.com/watch?v=M7lc1UVf-VF", "", ""},                                    // impossible last character
		{"https://www.youtube.com/watch?v=M7lc1UVf%22E", "", ""},                                   // quote
		{"https://www.youtube.com/embed/" + yt + "/../../x", "", ""},                               // extra segments
		{"https://www.youtube.com/embed/M7lc1UVf%2FVE", "", ""},                                    // escaped slash
		{"https://www.youtube.com/watch?v=%3Cscript%3Ealert(1)%3C/script%3E", "", ""},              // markup
		{"https://www.youtube.com/playlist?list=PL1", "", ""},                                      // not a video
		{"https://www.youtube.com/", "", ""},                                                       // channel page
		{"https://youtu.be/", "", ""},                                                              //
		{"https://vimeo.com/channels/staffpicks/76979871", "", ""},                                 // not a plain form
		{"https://vimeo.com/76979871/abcdef1234", "", ""},                                          // unlisted hash: not supported
		{"https://vimeo.com/0123", "", ""},                                                         // leading zero
		{"https://vimeo.com/12345678901234", "", ""},                                               // too long
		{"https://vimeo.com/abc", "", ""},                                                          //
		{"https://player.vimeo.com/76979871", "", ""},                                              //
		{"https://vimeo.com.evil.example/76979871", "", ""},                                        //
		{"https://www.youtube.com/watch?v=" + yt + strings.Repeat("&x=1", 600), "", ""},            // too long a URL
		{"https://www.youtube.com/watch?v=" + yt + "#\"><script>", MediaYouTube, yt},               // fragment ignored: only the id is kept
		{"https://www.youtube.com/watch?feature=share&v=" + url.QueryEscape(yt), MediaYouTube, yt}, //
		{"https://www.youtube.com/watch?v=" + yt + "%00", "", ""},                                  //
		{"https://www.youtube.com/watch?v=\u041c7lc1UVf-VE", "", ""},                               // Cyrillic M
		{"https://www.youtube.com/watch?v=M7lc1UVf-V\u0415", "", ""},                               // Cyrillic E
		{"\x00https://www.youtube.com/watch?v=" + yt, "", ""},                                      // control character
	} {
		kind, id, err := ParseVideoURL(tc.in)
		if tc.kind == "" {
			if err == nil {
				t.Errorf("%q accepted as %s %s", tc.in, kind, id)
			} else if fieldMessage(t, err) == "" {
				t.Errorf("%q: no message", tc.in)
			}
			continue
		}
		if err != nil || kind != tc.kind || id != tc.id {
			t.Errorf("%q = %s %s %v; want %s %s", tc.in, kind, id, err, tc.kind, tc.id)
		}
	}
	if got := EmbedURL(MediaYouTube, yt); got != "https://www.youtube-nocookie.com/embed/"+yt {
		t.Errorf("youtube embed %s", got)
	}
	if got := EmbedURL(MediaVimeo, "76979871"); got != "https://player.vimeo.com/video/76979871" {
		t.Errorf("vimeo embed %s", got)
	}
}

// Whatever text comes in, an accepted link yields an embed URL on one of the two player hosts
// with an id of safe characters only.
func FuzzParseVideoURL(f *testing.F) {
	for _, s := range []string{"https://youtu.be/M7lc1UVf-VE", "https://www.youtube.com/watch?v=M7lc1UVf-VE", "https://vimeo.com/1",
		"https://player.vimeo.com/video/76979871", "javascript:alert(1)", "https://www.youtube.com/embed/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind, id, err := ParseVideoURL(s)
		if err != nil {
			return
		}
		embed := EmbedURL(kind, id)
		u, perr := url.Parse(embed)
		if perr != nil || u.Scheme != "https" || (u.Host != "www.youtube-nocookie.com" && u.Host != "player.vimeo.com") || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("%q gave embed %q", s, embed)
		}
		if !youtubeID.MatchString(id) && !vimeoID.MatchString(id) {
			t.Fatalf("%q gave id %q", s, id)
		}
	})
}

package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/filestore"
)

// target is a second installation to restore into: its own database (with data of its own) and
// file stores.
type target struct {
	t       *testing.T
	url     string
	media   *filestore.Local
	uploads *filestore.Local
}

func newTarget(t *testing.T, withData bool) *target {
	t.Helper()
	tg := &target{t: t, url: dbtest.URL(t)}
	if withData {
		tg.url = migratedURL(t)
	}
	var err error
	if tg.media, err = filestore.NewLocal(filepath.Join(t.TempDir(), "media")); err != nil {
		t.Fatal(err)
	}
	if tg.uploads, err = filestore.NewLocal(filepath.Join(t.TempDir(), "uploads")); err != nil {
		t.Fatal(err)
	}
	if withData {
		d, err := db.Open(bg, db.Options{URL: tg.url})
		if err != nil {
			t.Fatal(err)
		}
		f := &fixture{t: t, d: d, media: tg.media, uploads: tg.uploads}
		f.seed(2)
		_ = d.Close()
	}
	return tg
}

func (tg *target) Target() Target {
	return Target{DatabaseURL: tg.url, Media: tg.media, Uploads: tg.uploads, Migrate: func(ctx context.Context) ([]string, error) {
		d, err := db.Open(ctx, db.Options{URL: tg.url})
		if err != nil {
			return nil, err
		}
		defer d.Close()
		return d.MigrateUp(ctx)
	}}
}

// state is everything a restore could change, to prove a refused one changed nothing.
func (tg *target) state() string {
	tg.t.Helper()
	counts, err := targetCounts(bg, dialectOf(tg.url), tg.url)
	if err != nil {
		tg.t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n", counts)
	if len(counts) > 0 {
		d, err := openTarget(dialectOf(tg.url), tg.url)
		if err != nil {
			tg.t.Fatal(err)
		}
		rows, err := d.QueryContext(bg, "SELECT id, slug, name FROM categories ORDER BY id")
		if err != nil {
			tg.t.Fatal(err)
		}
		for rows.Next() {
			var id, slug, name string
			_ = rows.Scan(&id, &slug, &name)
			fmt.Fprintln(&b, id, slug, name)
		}
		rows.Close()
		d.Close()
	}
	fmt.Fprintf(&b, "%v\n%v\n", files(tg.t, tg.media), files(tg.t, tg.uploads))
	return b.String()
}

func dialectOf(url string) db.Dialect {
	if strings.HasPrefix(url, "sqlite:") {
		return db.SQLite
	}
	return db.Postgres
}

// entry is one crafted archive entry.
type entry struct{ name, body string }

// craft builds an archive from entries, with a manifest listing them (their real hashes unless
// the manifest is edited by fix).
func craft(t *testing.T, base Manifest, entries []entry, fix func(*Manifest)) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	m := base
	m.Parts = nil
	for _, e := range entries {
		_ = tw.WriteHeader(&tar.Header{Name: e.name, Typeflag: tar.TypeReg, Mode: 0o600, Size: int64(len(e.body))})
		_, _ = tw.Write([]byte(e.body))
		sum := sha256.Sum256([]byte(e.body))
		m.Parts = append(m.Parts, Part{Name: e.name, Size: int64(len(e.body)), SHA256: hex.EncodeToString(sum[:])})
	}
	if fix != nil {
		fix(&m)
	}
	if m.Format != 0 {
		body, _ := json.Marshal(m)
		_ = tw.WriteHeader(&tar.Header{Name: manifestName, Typeflag: tar.TypeReg, Mode: 0o600, Size: int64(len(body))})
		_, _ = tw.Write(body)
	}
	_ = tw.Close()
	_ = gz.Close()
	return buf.Bytes()
}

func TestDamagedArchivesAreRefusedBeforeAnythingIsTouched(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	b := f.run(TriggerCLI)
	good := mustRead(t, f.archive(b))
	m := b.ParsedManifest()
	dbEntry := entry{sqlitePart, "SQLite format 3\x00"}
	if m.Dialect == "postgres" {
		dbEntry = entry{pgDumpPart, "PGDMP"}
	}
	other := "postgres"
	if m.Dialect == "postgres" {
		other = "sqlite"
	}
	flip := func(at int) []byte {
		c := bytes.Clone(good)
		c[at] ^= 0x55
		return c
	}
	tg := newTarget(t, true)
	before := tg.state()
	for _, tc := range []struct {
		name    string
		archive []byte
		sidecar string // written beside the archive when set
		want    error
		says    string
	}{
		{"a flipped byte in the middle", flip(len(good) / 2), "", ErrCorrupt, ""},
		{"a flipped byte near the end", flip(len(good) - 20), "", ErrCorrupt, ""},
		{"a flipped byte, caught by the .sha256 file", flip(len(good) / 3), b.SHA256, ErrCorrupt, ""},
		{"truncated to half", good[:len(good)/2], "", ErrCorrupt, ""},
		{"the last byte missing", good[:len(good)-1], "", ErrCorrupt, ""},
		{"empty file", nil, "", ErrCorrupt, "not a backup archive"},
		{"trailing bytes", append(bytes.Clone(good), "junk"...), "", ErrCorrupt, ""},
		{"intact but not the file the .sha256 names", good, strings.Repeat("ab", 32), ErrCorrupt, "SHA-256"},
		{"no manifest", craft(t, Manifest{}, []entry{dbEntry}, nil), "", ErrCorrupt, "no manifest"},
		{"a part whose hash is not the manifest's", craft(t, m, []entry{dbEntry, {"media/img/a.jpg", "x"}}, func(m *Manifest) { m.Parts[1].SHA256 = strings.Repeat("0", 64) }), "", ErrCorrupt, "checksum mismatch"},
		{"a part missing", craft(t, m, []entry{dbEntry}, func(m *Manifest) { m.Parts = append(m.Parts, Part{Name: "media/img/gone.jpg", Size: 1, SHA256: "00"}) }), "", ErrCorrupt, "missing"},
		{"a part the manifest does not list", craft(t, m, []entry{dbEntry, {"media/img/extra.jpg", "x"}}, func(m *Manifest) { m.Parts = m.Parts[:1] }), "", ErrCorrupt, "not in the manifest"},
		{"a path leaving the store", craft(t, m, []entry{dbEntry, {"media/../../etc/passwd", "x"}}, nil), "", ErrCorrupt, "unexpected entry"},
		{"no database", craft(t, m, []entry{{"media/img/a.jpg", "x"}}, nil), "", ErrCorrupt, "no database"},
		{"another dialect's backup", craft(t, m, []entry{{map[string]string{"postgres": pgDumpPart, "sqlite": sqlitePart}[other], "x"}}, func(m *Manifest) { m.Dialect = other }), "", nil, "restore it into a " + other + " database"},
		{"a newer schema", craft(t, m, []entry{dbEntry}, func(m *Manifest) { m.SchemaVersion = 99999; m.Version = "v9" }), "", nil, "omsd v9 or newer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "oms-backup.tar.gz")
			if err := os.WriteFile(path, tc.archive, 0o600); err != nil {
				t.Fatal(err)
			}
			if tc.sidecar != "" {
				if err := os.WriteFile(path+".sha256", []byte(tc.sidecar+"  oms-backup.tar.gz\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := Restore(bg, tg.Target(), RestoreOptions{Archive: path, Force: true})
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err = %v; want %v saying %q", err, tc.want, tc.says)
			}
			if rep.Touched {
				t.Fatal("reported as touched")
			}
			if after := tg.state(); after != before {
				t.Fatalf("the target changed:\nbefore %s\nafter  %s", before, after)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".restore-*")); len(left) > 0 {
				t.Fatalf("staging left behind: %v", left)
			}
		})
	}
}

func TestRestoreRefusesANonEmptyDatabaseWithoutForce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	b := f.run(TriggerCLI)
	want := files(t, f.media)
	counts := b.ParsedManifest().RowCounts

	tg := newTarget(t, true)
	before := tg.state()
	rep, err := Restore(bg, tg.Target(), RestoreOptions{Archive: f.archive(b)})
	if !errors.Is(err, ErrNotEmpty) || rep.Touched || rep.Before["staff_users"] != 2 {
		t.Fatalf("err %v, touched %v, before %v", err, rep.Touched, rep.Before)
	}
	if tg.state() != before {
		t.Fatal("the target changed")
	}
	rep, err = Restore(bg, tg.Target(), RestoreOptions{Archive: f.archive(b), Force: true})
	if err != nil || rep.Mismatch != "" || !rep.CheckedSHA {
		t.Fatalf("forced restore: %v, mismatch %q, sha checked %v", err, rep.Mismatch, rep.CheckedSHA)
	}
	if !maps.Equal(rep.Counts, counts) {
		t.Fatalf("counts %v, want %v", rep.Counts, counts)
	}
	got := files(t, tg.media)
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("media %s not restored", k)
		}
	}
	if rep.MediaFiles != len(want) || rep.UploadFiles != 3 {
		t.Fatalf("restored %d media, %d documents", rep.MediaFiles, rep.UploadFiles)
	}
	// An empty database (fresh, migrated) needs no force.
	empty := newTarget(t, false)
	if _, err := Restore(bg, empty.Target(), RestoreOptions{Archive: f.archive(b)}); err != nil {
		t.Fatalf("restore into an empty database: %v", err)
	}
}

func TestEncryptedArchives(t *testing.T) {
	t.Parallel()
	key, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	f := newFixture(t, func(o *Options) { o.Recipients = []age.Recipient{key.Recipient()} })
	b := f.run(TriggerCLI)
	raw := mustRead(t, f.archive(b))
	if !b.Encrypted || !strings.HasSuffix(b.FileName, ".tar.gz.age") || !bytes.HasPrefix(raw, []byte(ageMagic)) {
		t.Fatalf("not an age file: %s %q", b.FileName, raw[:30])
	}
	if bytes.Contains(raw, []byte("manifest.json")) || bytes.Contains(raw, []byte("jpeg")) {
		t.Fatal("plaintext in the encrypted archive")
	}
	if b.VerifyLevel != "checksum" {
		t.Fatalf("verify level %q without the identity on the server", b.VerifyLevel)
	}

	tg := newTarget(t, true)
	before := tg.state()
	for _, tc := range []struct {
		name string
		ids  []age.Identity
		want error
	}{
		{"no identity", nil, ErrEncrypted},
		{"the wrong identity", []age.Identity{other}, ErrWrongKey},
	} {
		rep, err := Restore(bg, tg.Target(), RestoreOptions{Archive: f.archive(b), Identities: tc.ids, Force: true})
		if !errors.Is(err, tc.want) || rep.Touched {
			t.Fatalf("%s: %v (touched %v), want %v", tc.name, err, rep.Touched, tc.want)
		}
		if tg.state() != before {
			t.Fatalf("%s: the target changed", tc.name)
		}
	}
	rep, err := Restore(bg, tg.Target(), RestoreOptions{Archive: f.archive(b), Identities: []age.Identity{other, key}, Force: true})
	if err != nil || rep.Mismatch != "" || !rep.Encrypted {
		t.Fatalf("restore with the key: %v %q", err, rep.Mismatch)
	}

	// Verification: checksum-level without the key on the server, full with it; both notice damage.
	res, err := f.svc.Verify(bg, b.ID)
	if err != nil || !res.OK || res.Level != "checksum" {
		t.Fatalf("verify: %+v %v", res, err)
	}
	f.svc.opt.Identities = []age.Identity{key}
	if res, err = f.svc.Verify(bg, b.ID); err != nil || !res.OK || res.Level != "full" || res.Parts != 7 {
		t.Fatalf("full verify: %+v %v", res, err)
	}
	raw[len(raw)/2] ^= 1
	if err := os.WriteFile(f.archive(b), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if res, err = f.svc.Verify(bg, b.ID); err != nil || res.OK || !strings.Contains(res.Error, "damaged") {
		t.Fatalf("verify of a damaged archive: %+v %v", res, err)
	}
	got, _ := f.svc.Get(bg, b.ID)
	if got.VerifyError == "" || got.VerifiedAt == nil {
		t.Fatalf("verification not recorded: %+v", got)
	}
}

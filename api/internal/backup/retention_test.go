package backup

import (
	"os"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
)

// named makes a synthetic set of dated backups; each name is a letter, each date "2006-01-02 15h".
func named(dates map[string]string) ([]Dated, map[uuid.UUID]string) {
	var out []Dated
	names := map[uuid.UUID]string{}
	for name, d := range dates {
		at, err := time.Parse("2006-01-02 15h", d)
		if err != nil {
			panic(err)
		}
		id := uuid.New()
		out = append(out, Dated{ID: id, At: at})
		names[id] = name
	}
	return out, names
}

func TestRetentionKeepsExactlyTheExpectedBackups(t *testing.T) {
	t.Parallel()
	november := map[string]string{
		"A": "2026-11-25 03h", // Wed, ISO week 48 — the newest
		"B": "2026-11-25 01h", // same day, older
		"C": "2026-11-24 03h", // Tue, week 48
		"D": "2026-11-23 03h", // Mon, week 48
		"E": "2026-11-22 03h", // Sun, week 47
		"F": "2026-11-15 03h", // Sun, week 46
		"G": "2026-10-31 03h", // Sat, week 44, October
		"H": "2026-10-01 03h", // Thu, week 40, October (older)
		"I": "2026-09-30 03h", // Wed, week 40, September
	}
	for _, tc := range []struct {
		name   string
		policy Retention
		set    map[string]string
		keep   string // letters kept, sorted
	}{
		{"3 daily, 3 weekly, 3 monthly", Retention{Daily: 3, Weekly: 3, Monthly: 3}, november, "ACDEFGI"},
		{"daily only: the newest of each of the last 3 days", Retention{Daily: 3}, november, "ACD"},
		{"weekly only", Retention{Weekly: 2}, november, "AE"},
		{"monthly only", Retention{Monthly: 2}, november, "AG"},
		{"more periods asked than exist keeps one per period", Retention{Daily: 30}, november, "ACDEFGHI"},
		{"one daily keeps only the newest", Retention{Daily: 1}, november, "A"},
		{"all zero keeps everything", Retention{}, november, "ABCDEFGHI"},
		{"ISO weeks across the new year", Retention{Weekly: 2},
			map[string]string{"X": "2027-01-01 03h", "Y": "2026-12-31 03h", "Z": "2026-12-24 03h"}, "XZ"},
		{"one backup is always kept", Retention{Daily: 1}, map[string]string{"A": "2020-01-01 00h"}, "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, names := named(tc.set)
			keep, prune := tc.policy.Plan(set)
			var kept []string
			for id := range keep {
				kept = append(kept, names[id])
			}
			sort.Strings(kept)
			if got := join(kept); got != tc.keep {
				t.Fatalf("kept %s, want %s (reasons %v)", got, tc.keep, keep)
			}
			if len(keep)+len(prune) != len(set) {
				t.Fatalf("%d kept + %d pruned != %d", len(keep), len(prune), len(set))
			}
			for _, p := range prune {
				if _, ok := keep[p.ID]; ok {
					t.Fatalf("%s both kept and pruned", names[p.ID])
				}
			}
		})
	}
	if keep, prune := (Retention{Daily: 1}).Plan(nil); len(keep) != 0 || len(prune) != 0 {
		t.Fatal("an empty set plans something")
	}
}

func join(s []string) string {
	out := ""
	for _, x := range s {
		out += x
	}
	return out
}

// Pruning through the service deletes archives, their .sha256 files and rows, and never the
// newest successful backup, however many failed attempts came after it.
func TestPruneDeletesArchivesAndNeverTheNewestSuccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(o *Options) { o.Retention = Retention{Daily: 2} })
	var made []Backup
	for i, day := range []int{20, 21, 22, 23} {
		f.clock.Set(time.Date(2026, 11, day, 3, 0, 0, 0, time.UTC))
		b := f.run(TriggerSchedule)
		made = append(made, b)
		if i < 2 {
			continue
		}
		// After each run, only the newest two days are left.
		if _, err := os.Stat(f.archive(made[i-2])); !os.IsNotExist(err) {
			t.Fatalf("run %d: archive of %s not pruned: %v", i, made[i-2].FileName, err)
		}
		if _, err := os.Stat(f.archive(made[i-2]) + ".sha256"); !os.IsNotExist(err) {
			t.Fatalf("run %d: .sha256 not pruned", i)
		}
	}
	rows, err := f.svc.List(bg, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uuid.UUID
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []uuid.UUID{made[3].ID, made[2].ID}) {
		t.Fatalf("rows left %v, want the last two", ids)
	}
	// Failed attempts afterwards never cost the newest good backup.
	f.svc.opt.Retention = Retention{Daily: 1}
	for _, day := range []int{24, 25, 26} {
		at := time.Date(2026, 11, day, 3, 0, 0, 0, time.UTC)
		if err := f.svc.store.insert(bg, nil, &Backup{ID: uuid.Must(uuid.NewV7()), Trigger: TriggerSchedule, Status: StatusFailed,
			CreatedAt: at, StartedAt: &at, FinishedAt: &at, Error: "disk full"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Prune(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.archive(made[3])); err != nil {
		t.Fatalf("newest archive pruned: %v", err)
	}
	if _, err := os.Stat(f.archive(made[2])); !os.IsNotExist(err) {
		t.Fatal("older archive kept with Daily: 1")
	}
}

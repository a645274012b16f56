package backup

import (
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Retention keeps the newest backup of each of the last Daily days, Weekly ISO weeks and Monthly
// months that have a backup (UTC), like restic's and borg's --keep-daily/weekly/monthly. All
// zero keeps everything.
type Retention struct {
	Daily, Weekly, Monthly int
}

// Enabled reports whether pruning happens at all.
func (r Retention) Enabled() bool { return r.Daily > 0 || r.Weekly > 0 || r.Monthly > 0 }

func (r Retention) String() string {
	if !r.Enabled() {
		return "keep everything"
	}
	return fmt.Sprintf("%d daily, %d weekly, %d monthly", r.Daily, r.Weekly, r.Monthly)
}

// Dated is a successful backup and when it was taken.
type Dated struct {
	ID uuid.UUID
	At time.Time
}

// Plan splits successful backups into those to keep (with why) and those to prune. The newest
// backup is always kept, whatever the policy says.
func (r Retention) Plan(backups []Dated) (keep map[uuid.UUID][]string, prune []Dated) {
	sorted := append([]Dated(nil), backups...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.After(sorted[j].At) })
	keep = map[uuid.UUID][]string{}
	if len(sorted) == 0 {
		return keep, nil
	}
	keep[sorted[0].ID] = append(keep[sorted[0].ID], "newest")
	if !r.Enabled() {
		for _, b := range sorted[1:] {
			keep[b.ID] = append(keep[b.ID], "retention disabled")
		}
		return keep, nil
	}
	rules := []struct {
		name   string
		n      int
		period func(time.Time) string
	}{
		{"daily", r.Daily, func(t time.Time) string { return t.Format("2006-01-02") }},
		{"weekly", r.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }},
		{"monthly", r.Monthly, func(t time.Time) string { return t.Format("2006-01") }},
	}
	for _, rule := range rules {
		last, count := "", 0
		for _, b := range sorted {
			if count >= rule.n {
				break
			}
			p := rule.period(b.At.UTC())
			if p == last {
				continue // an older backup of a period already kept
			}
			last = p
			count++
			keep[b.ID] = append(keep[b.ID], rule.name+" "+p)
		}
	}
	for _, b := range sorted {
		if _, ok := keep[b.ID]; !ok {
			prune = append(prune, b)
		}
	}
	return keep, prune
}

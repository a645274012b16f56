package db_test

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

type readThing struct {
	ID      uuid.UUID `gorm:"primaryKey"`
	Name    string
	Kind    thingKind
	Amount  int64
	Count   int
	Note    *string
	Ref     *uuid.UUID
	Until   *time.Time
	Active  bool
	At      time.Time
	Escaped string
	Blob    []byte
}

type thingKind string

// readThingRow is a joined row: an embedded model plus aliased columns, as price lists read.
type readThingRow struct {
	readThing
	Twin     uuid.UUID
	TwinName string
}

// countingPool counts the statements sent to the database.
type countingPool struct {
	gorm.ConnPool
	n *int
}

func (p countingPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	*p.n++
	return p.ConnPool.QueryContext(ctx, q, args...)
}

func (p countingPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	*p.n++
	return p.ConnPool.QueryRowContext(ctx, q, args...)
}

// ReadAll gives exactly what Find gives for each read, and on PostgreSQL in one statement.
func TestReadAllMatchesFind(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	if err := d.Gorm.AutoMigrate(&readThing{}); err != nil {
		t.Fatal(err)
	}
	note := "a note"
	at := time.Date(2026, 11, 26, 8, 30, 15, 123456000, time.UTC)
	ref := uuid.New()
	things := []readThing{
		{ID: uuid.New(), Name: "alpha", Kind: "x", Amount: 1 << 52, Count: -3, Note: &note, Ref: &ref, Until: &at, Active: true, At: at, Escaped: "quote \" back \\ tab\t é €", Blob: []byte{0, 1, 0xfe, '\\', 'x'}},
		{ID: uuid.New(), Name: "beta", Kind: "y", Amount: 0, At: at.Add(time.Hour)},
		{ID: uuid.New(), Name: "gamma", Kind: "x", Amount: 42, Count: 7, At: at.Add(-time.Hour)},
	}
	if err := d.Gorm.Create(&things).Error; err != nil {
		t.Fatal(err)
	}

	byName := func(g *gorm.DB) *gorm.DB { return g.Model(&readThing{}).Order("name DESC") }
	kindX := func(g *gorm.DB) *gorm.DB {
		return g.Table("read_things AS a").
			Select("a.*, b.id AS twin, b.name AS twin_name").
			Joins("JOIN read_things b ON b.kind = a.kind AND b.id <> a.id").
			Where("a.kind IN (?)", []thingKind{"x"}).Order("a.name")
	}
	none := func(g *gorm.DB) *gorm.DB { return g.Model(&readThing{}).Where("name = ?", "nobody") }

	var wantAll, gotAll []readThing
	var wantX, gotX []readThingRow
	var wantNone, gotNone []readThing
	for _, r := range []struct {
		q    func(*gorm.DB) *gorm.DB
		dest any
	}{{byName, &wantAll}, {kindX, &wantX}, {none, &wantNone}} {
		if err := r.q(d.Gorm).Find(r.dest).Error; err != nil {
			t.Fatal(err)
		}
	}
	statements := 0
	counted := d.Gorm.Session(&gorm.Session{})
	counted.Statement.ConnPool = countingPool{ConnPool: counted.Statement.ConnPool, n: &statements}
	err := db.ReadAll(ctx, counted,
		db.Read{Query: byName, Dest: &gotAll},
		db.Read{}, // nothing to read
		db.Read{Query: kindX, Dest: &gotX},
		db.Read{Query: none, Dest: &gotNone})
	if err != nil {
		t.Fatal(err)
	}
	if len(wantAll) != 3 || len(wantX) != 2 || wantX[0].TwinName != "gamma" {
		t.Fatalf("the oracle is wrong: %d rows, %+v", len(wantAll), wantX)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{{"all", gotAll, wantAll}, {"joined", gotX, wantX}, {"none", gotNone, wantNone}} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, c.got, c.want)
		}
	}
	want := 3 // one Find per read
	if d.Dialect == db.Postgres {
		want = 1
	}
	if statements != want {
		t.Errorf("%d statements, want %d", statements, want)
	}

	if d.Dialect == db.Postgres { // (on SQLite Find itself takes the destination)
		var bad []string
		if err := db.ReadAll(ctx, d.Gorm, db.Read{Query: byName, Dest: &gotAll}, db.Read{Query: byName, Dest: &bad}); err == nil {
			t.Error("a destination that is not a slice of structs was accepted")
		}
	}
}

package db_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

type insAddress struct {
	Line1 string
	City  *string
}

type insPlain struct {
	ID        uuid.UUID `gorm:"primaryKey"`
	Name      string
	Note      *string
	Owner     *uuid.UUID
	Body      []byte
	Ship      insAddress `gorm:"embedded;embeddedPrefix:ship_"`
	Skipped   string     `gorm:"-"`
	ReadOnly  string     `gorm:"->"`
	Children  []insChild `gorm:"foreignKey:ParentID"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type insChild struct {
	ID       uuid.UUID `gorm:"primaryKey"`
	ParentID uuid.UUID
}

type insDefault struct {
	ID     uuid.UUID `gorm:"primaryKey"`
	Status string    `gorm:"default:new"`
}

type insSerialized struct {
	ID   uuid.UUID `gorm:"primaryKey"`
	Tags []string  `gorm:"serializer:json"`
}

type insHooked struct {
	ID   uuid.UUID `gorm:"primaryKey"`
	Name string
}

func (h *insHooked) BeforeCreate(*gorm.DB) error { h.Name = "hooked"; return nil }

// InsertOf writes exactly the INSERT that GORM's Create builds (dry run): for plain models by
// itself — nil and set pointers, an embedded struct, bytes, a zero CreatedAt that Create fills
// in, one row or several — and through GORM for models Create treats specially.
func TestInsertOfIsCreate(t *testing.T) {
	d := dbtest.NewEmpty(t)
	city := "Lyon"
	owner := uuid.New()
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	row := func(i int) insPlain {
		return insPlain{ID: uuid.New(), Name: "n", Note: nil, Owner: &owner, Body: []byte{byte(i)}, Ship: insAddress{Line1: "1 Rue", City: &city},
			Skipped: "x", ReadOnly: "y", Children: []insChild{{ID: uuid.New()}}, CreatedAt: at, UpdatedAt: at}
	}
	zeroTimes := row(9)
	zeroTimes.CreatedAt, zeroTimes.UpdatedAt = time.Time{}, time.Time{}
	for _, tc := range []struct {
		name  string
		rows  func() any
		plain bool // InsertOf builds it itself (else: GORM's dry run)
	}{
		{"one row", func() any { r := row(1); return &r }, true},
		{"several rows", func() any { rs := []insPlain{row(1), row(2)}; rs[1].Owner = nil; return &rs }, true},
		{"pointers to rows", func() any { a, b := row(1), row(2); return []*insPlain{&a, &b} }, true},
		{"database default", func() any { return &insDefault{ID: uuid.New()} }, false},
		{"serializer", func() any { return &insSerialized{ID: uuid.New(), Tags: []string{"a"}} }, false},
		{"hook", func() any { return &insHooked{ID: uuid.New()} }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := tc.rows()
			if plain := db.PlainInsert(d.Gorm, reflect.New(reflect.Indirect(reflect.ValueOf(elemOf(rows))).Type()).Interface()); plain != tc.plain {
				t.Fatalf("PlainInsert = %v, want %v", plain, tc.plain)
			}
			want := db.Built(d.Gorm, func(g *gorm.DB) *gorm.DB { return g.Create(rows) })
			got := db.InsertOf(d.Gorm, rows)
			if got.SQL != want.SQL || !reflect.DeepEqual(got.Vars, want.Vars) {
				t.Fatalf("InsertOf:\n%s\n%#v\nCreate:\n%s\n%#v", got.SQL, got.Vars, want.SQL, want.Vars)
			}
		})
	}
	// A zero CreatedAt/UpdatedAt is set to now, in the statement and in the row, as Create does.
	before := time.Now()
	st := db.InsertOf(d.Gorm, &zeroTimes)
	if zeroTimes.CreatedAt.Before(before) || zeroTimes.UpdatedAt.Before(before) {
		t.Fatalf("times left zero: %v %v", zeroTimes.CreatedAt, zeroTimes.UpdatedAt)
	}
	if !slicesContainTime(st.Vars, zeroTimes.CreatedAt) {
		t.Fatalf("statement does not carry the time set: %#v", st.Vars)
	}
}

// elemOf is a row of rows (a pointer to a row or a slice of rows or of pointers to rows).
func elemOf(rows any) any {
	v := reflect.Indirect(reflect.ValueOf(rows))
	if v.Kind() == reflect.Slice {
		return v.Index(0).Interface()
	}
	return v.Interface()
}

func slicesContainTime(vars []any, at time.Time) bool {
	for _, v := range vars {
		if tm, ok := v.(time.Time); ok && tm.Equal(at) {
			return true
		}
	}
	return false
}

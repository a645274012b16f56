package httpx

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// Paging defaults. Lists use keyset cursors everywhere: stable under inserts and cheap on big
// tables, unlike page numbers.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageRequest is a parsed ?cursor=&page_size= pair.
type PageRequest struct {
	Cursor   string
	PageSize int
}

// Page is the one list shape of the API.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// ParsePage reads cursor and page_size from the query string.
func ParsePage(c echo.Context) (PageRequest, error) {
	pr := PageRequest{Cursor: c.QueryParam("cursor"), PageSize: DefaultPageSize}
	if s := c.QueryParam("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			return pr, apperr.Field("page_size", "must be a whole number from 1 to "+strconv.Itoa(MaxPageSize))
		}
		pr.PageSize = n
	}
	return pr, nil
}

// EncodeCursor makes an opaque cursor from a keyset position (any JSON-serialisable value).
func EncodeCursor(position any) string {
	return base64.RawURLEncoding.EncodeToString(mustJSON(position))
}

// DecodeCursor reads a cursor made by EncodeCursor; a tampered cursor is a 422 on "cursor".
func DecodeCursor(cursor string, position any) error {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || json.Unmarshal(raw, position) != nil {
		return apperr.Field("cursor", "is not a cursor this API returned")
	}
	return nil
}

// IDCursor reads the cursor of lists keyed by UUIDv7 ids (time-ordered), nil when there is none.
func (pr PageRequest) IDCursor() (*uuid.UUID, error) {
	if pr.Cursor == "" {
		return nil, nil
	}
	var id uuid.UUID
	if err := DecodeCursor(pr.Cursor, &id); err != nil {
		return nil, err
	}
	return &id, nil
}

// NewPage builds a page from up to PageSize+1 rows fetched: the extra row only signals that
// another page exists, and cursorOf gives the position of the last row shown.
func NewPage[T any](rows []T, pageSize int, cursorOf func(T) any) Page[T] {
	p := Page[T]{Items: rows}
	if len(rows) > pageSize {
		p.Items = rows[:pageSize]
		next := EncodeCursor(cursorOf(rows[pageSize-1]))
		p.NextCursor = &next
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only reachable with a type that cannot be marshalled: a programming error.
		panic("httpx: marshal: " + err.Error())
	}
	return b
}

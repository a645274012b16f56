package live_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/openoms/oms/api/internal/platform/live"
)

func receive(t *testing.T, ch <-chan []byte) string {
	t.Helper()
	select {
	case b, ok := <-ch:
		if !ok {
			t.Fatal("channel closed")
		}
		return string(b)
	case <-time.After(5 * time.Second):
		t.Fatal("no notice within 5s")
	}
	return ""
}

func TestHubDeliversByTopicAndCloses(t *testing.T) {
	h := live.NewHub()
	a, stopA := h.Subscribe("customer:a")
	b, _ := h.Subscribe("customer:b")
	if err := h.Publish(context.Background(), "customer:a", []byte(`{"x":1}`)); err != nil {
		t.Fatal(err)
	}
	if got := receive(t, a); got != `{"x":1}` {
		t.Fatalf("got %s", got)
	}
	select {
	case m := <-b:
		t.Fatalf("other topic got %s", m)
	default:
	}
	stopA()
	stopA()                                 // twice is harmless
	h.Deliver("customer:a", []byte("late")) // nobody listens: no panic
	// A slow subscriber loses notices instead of blocking the publisher.
	for range 100 {
		h.Deliver("customer:b", []byte("n"))
	}
	h.Close()
	n := 0
	for range b {
		n++
	}
	if n != 16 {
		t.Fatalf("buffered %d notices", n)
	}
	if c, _ := h.Subscribe("customer:c"); c != nil {
		if _, ok := <-c; ok {
			t.Fatal("subscribing to a closed hub gives an open channel")
		}
	}
}

// postgres is the test server's URL and a pool on it (closed with the test); it skips the test
// without one.
func postgres(t *testing.T) (string, *sql.DB) {
	t.Helper()
	url := os.Getenv("OMS_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("OMS_TEST_POSTGRES_URL not set")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return url, db
}

func TestPostgresNotifyReachesEveryListener(t *testing.T) {
	url, db := postgres(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Two replicas' hubs, each with its own listener.
	var chans []<-chan []byte
	for range 2 {
		h := live.NewHub()
		ch, _ := h.Subscribe("order:ORD-TEST")
		chans = append(chans, ch)
		go live.Listen(ctx, url, h, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	pub := live.NewPG(db, slog.New(slog.DiscardHandler))
	defer pub.Close(context.Background())
	// The listeners connect asynchronously: publish until both have heard one.
	deadline := time.Now().Add(10 * time.Second)
	for i, ch := range chans {
		for {
			if err := pub.Publish(ctx, "order:ORD-TEST", []byte(`{"status":"shipped"}`)); err != nil {
				t.Fatal(err)
			}
			select {
			case got := <-ch:
				if string(got) != `{"status":"shipped"}` {
					t.Fatalf("replica %d got %s", i, got)
				}
			case <-time.After(200 * time.Millisecond):
				if time.Now().After(deadline) {
					t.Fatalf("replica %d heard nothing", i)
				}
				continue
			}
			break
		}
	}
	if err := pub.Publish(ctx, "bad topic", nil); err == nil {
		t.Fatal("a topic with a space was published")
	}
}

// A burst of notices goes out in batches: every one is heard (they differ: PostgreSQL folds
// identical notices of one transaction into one), in the order published, and Close sends what is
// still queued before it returns. (A plain LISTEN connection hears them here: a hub's subscriber
// would drop what its buffer cannot hold.)
func TestPostgresNoticesBatchInOrder(t *testing.T) {
	url, db := postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+live.Channel); err != nil {
		t.Fatal(err)
	}
	pub := live.NewPG(db, slog.New(slog.DiscardHandler))
	const n = 600 // more than one batch
	for i := range n {
		if err := pub.Publish(ctx, "customer:burst", []byte(strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	pub.Close(ctx)
	for i := range n {
		got, err := conn.WaitForNotification(ctx)
		if err != nil {
			t.Fatalf("notice %d: %v", i, err)
		}
		if want := "customer:burst " + strconv.Itoa(i); got.Payload != want {
			t.Fatalf("notice %d: heard %q", i, got.Payload)
		}
	}
	if err := pub.Publish(ctx, "customer:burst", []byte("late")); err == nil {
		t.Fatal("a closed publisher took a notice")
	}
}

// Close waits for the queue only as long as its context allows: with the database not answering
// (here: the pool's only connection held elsewhere), shutdown is not held up batch after batch.
func TestPostgresPublisherCloseGivesUp(t *testing.T) {
	_, db := postgres(t)
	db.SetMaxOpenConns(1)
	held, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	pub := live.NewPG(db, slog.New(slog.DiscardHandler))
	for i := range 600 {
		if err := pub.Publish(context.Background(), "customer:stuck", []byte(strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	closed := make(chan struct{})
	go func() { pub.Close(ctx); close(closed) }()
	select {
	case <-closed:
	case <-time.After(4 * time.Second): // each of the three batches alone would wait 5 s
		t.Fatal("Close did not give up when its context ended")
	}
}

// Package live fans short change notices out to the clients listening for them (Server-Sent
// Events). A Hub delivers inside one process; across replicas, notices travel through
// PostgreSQL LISTEN/NOTIFY and every replica's listener hands them to its own Hub. On SQLite
// there is one process, and the Hub is the whole story.
package live

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Publisher sends a notice about a topic to everyone listening, on every replica.
type Publisher interface {
	Publish(ctx context.Context, topic string, payload []byte) error
}

// Hub is this process's subscribers, by topic.
type Hub struct {
	mu     sync.Mutex
	subs   map[string]map[chan []byte]struct{}
	closed bool
}

func NewHub() *Hub { return &Hub{subs: map[string]map[chan []byte]struct{}{}} }

// Subscribe returns a channel of notices about topic and the function that ends the
// subscription. The channel is closed when the hub closes (the server is shutting down).
func (h *Hub) Subscribe(topic string) (<-chan []byte, func()) {
	ch := make(chan []byte, 16)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	if h.subs[topic] == nil {
		h.subs[topic] = map[chan []byte]struct{}{}
	}
	h.subs[topic][ch] = struct{}{}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.subs[topic][ch]; ok {
			delete(h.subs[topic], ch)
			if len(h.subs[topic]) == 0 {
				delete(h.subs, topic)
			}
			close(ch)
		}
	}
}

// Deliver hands a notice to this process's subscribers of topic. A subscriber whose buffer is
// full misses it rather than holding up everyone else: notices say "look again", so the next one
// (or the client's reload) catches it up.
func (h *Hub) Deliver(topic string, payload []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[topic] {
		select {
		case ch <- payload:
		default:
		}
	}
}

// Publish delivers in this process only: the publisher for a single server (SQLite).
func (h *Hub) Publish(_ context.Context, topic string, payload []byte) error {
	h.Deliver(topic, payload)
	return nil
}

// Close ends every subscription, so open streams finish and the server can shut down.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for topic, subs := range h.subs {
		for ch := range subs {
			close(ch)
		}
		delete(h.subs, topic)
	}
}

// Channel is the PostgreSQL notification channel the replicas share.
const Channel = "oms_live"

// maxPayload stays under PostgreSQL's 8000-byte NOTIFY limit.
const maxPayload = 7900

// PG publishes through pg_notify from a queue that one goroutine empties, sending every notice
// that has queued up in one autocommit statement. PostgreSQL serialises the commits of
// notifying transactions (a global lock, held through the commit's WAL flush when the
// transaction wrote anything), so a notice sent inside each order's transaction made every
// writer wait its turn: measured with pgbench on the order transaction, it cost 20–35 % of the
// database's throughput (docs/benchmarks.md). A notify-only transaction writes nothing to flush,
// and a batch makes a burst of changes one statement instead of one each. Notices go out only
// after the change committed (callers publish afterwards), in the order published. A notice is
// lost — a client keeps a stale view until its next reload — when the process dies with it
// queued, when the queue is full (the database has been slow for a while; counted and logged
// at most every dropLogEvery), when its batch's statement fails, or when Close gives up.
type PG struct {
	db     *sql.DB
	log    *slog.Logger
	queue  chan string
	mu     sync.RWMutex // Close holds it to stop Publish sending on a closed queue
	shut   bool
	done   chan struct{}
	ctx    context.Context // cancelled when Close stops waiting: sends fail fast
	cancel context.CancelFunc

	dropMu      sync.Mutex
	dropped     int
	lastDropLog time.Time
}

const (
	pgQueue      = 4096 // notices waiting; a full queue drops new ones rather than hold up requests
	pgBatch      = 256  // notices per statement
	dropLogEvery = 10 * time.Second
)

// ErrQueueFull: Publish dropped the notice (PG counts and logs these itself).
var ErrQueueFull = errors.New("live notices queue full")

// NewPG starts the publisher; Close sends what is queued and stops it.
func NewPG(db *sql.DB, log *slog.Logger) *PG {
	ctx, cancel := context.WithCancel(context.Background())
	p := &PG{db: db, log: log, queue: make(chan string, pgQueue), done: make(chan struct{}), ctx: ctx, cancel: cancel}
	go p.run()
	return p
}

func (p *PG) Publish(_ context.Context, topic string, payload []byte) error {
	msg, err := message(topic, payload)
	if err != nil {
		return err
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.shut {
		return errors.New("live notices publisher closed")
	}
	select {
	case p.queue <- msg:
		return nil
	default:
		p.countDrop()
		return ErrQueueFull
	}
}

func (p *PG) countDrop() {
	p.dropMu.Lock()
	defer p.dropMu.Unlock()
	p.dropped++
	if now := time.Now(); now.Sub(p.lastDropLog) >= dropLogEvery {
		p.log.Warn("live notices dropped: the queue is full", "dropped", p.dropped, "since", p.lastDropLog)
		p.dropped, p.lastDropLog = 0, now
	}
}

// Close sends the notices already queued and stops the publisher; when ctx ends first, what is
// still queued is dropped.
func (p *PG) Close(ctx context.Context) {
	p.mu.Lock()
	if !p.shut {
		p.shut = true
		close(p.queue)
	}
	p.mu.Unlock()
	select {
	case <-p.done:
	case <-ctx.Done():
		p.cancel()
		<-p.done
	}
	p.cancel()
}

func (p *PG) run() {
	defer close(p.done)
	batch := make([]string, 0, pgBatch)
	for msg := range p.queue {
		batch = append(batch[:0], msg)
	more:
		for len(batch) < pgBatch {
			select {
			case m, ok := <-p.queue:
				if !ok {
					break more
				}
				batch = append(batch, m)
			default:
				break more
			}
		}
		p.send(batch)
	}
}

// notifySQL sends a batch, in order, in one statement.
const notifySQL = `SELECT pg_notify($1, m) FROM unnest($2::text[]) WITH ORDINALITY AS n(m, i) ORDER BY i`

func (p *PG) send(batch []string) {
	if p.ctx.Err() != nil {
		return // Close gave up waiting
	}
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	if _, err := p.db.ExecContext(ctx, notifySQL, Channel, batch); err != nil {
		p.log.Warn("live notices not published", "count", len(batch), "err", err)
	}
}

// message is what PG sends on Channel for a notice: the topic, a space, the payload.
func message(topic string, payload []byte) (string, error) {
	msg := topic + " " + string(payload)
	if len(msg) > maxPayload || strings.ContainsRune(topic, ' ') {
		return "", fmt.Errorf("live notice for %s too large or badly named", topic)
	}
	return msg, nil
}

// Listen relays PostgreSQL notifications to hub until ctx ends, reconnecting with backoff when
// the connection drops (notices sent while it is down are lost; clients reload on reconnect).
func Listen(ctx context.Context, url string, hub *Hub, log *slog.Logger) {
	backoff := time.Second
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, hub, func() { backoff = time.Second })
		if ctx.Err() != nil {
			return
		}
		log.Warn("live updates: listener lost its connection; reconnecting", "err", err, "in", backoff.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

func listenOnce(ctx context.Context, url string, hub *Hub, connected func()) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		topic, payload, ok := strings.Cut(n.Payload, " ")
		if !ok {
			continue
		}
		hub.Deliver(topic, []byte(payload))
	}
}

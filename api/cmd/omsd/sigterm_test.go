package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// buildBinary compiles omsd once per test run, as CGO_ENABLED=0 like the release build.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "omsd")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// The real binary on an empty database migrates itself, serves, and on SIGTERM answers every
// request sent to it before exiting 0. The clients act like a load balancer: they stop sending
// new requests once /readyz reports the server draining (a TCP connection still queued in the
// kernel when the listener closes is reset by the kernel, whatever the server does).
func TestBinaryServesOnEmptyDatabaseAndStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	addr := freeAddr(t)
	dbURL := dbtest.URL(t)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "--addr", addr, "--shutdown-drain-delay", "1s")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "OMS_JWT_SECRET="+strings.Repeat("k", 40), "OMS_DATA_DIR="+t.TempDir())
	cmd.Stdout, cmd.Stderr = io.Discard, &syncWriter{w: &logs}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()

	base := "http://" + addr
	client := &http.Client{Timeout: 10 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := client.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never became ready: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Clients hammer the server while it receives SIGTERM.
	var ok, refused atomic.Int64
	var draining atomic.Bool
	var mu sync.Mutex
	var failures []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the load balancer's health check
		defer wg.Done()
		for !draining.Load() {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if res, err := client.Get(base + "/readyz"); err == nil {
				res.Body.Close()
				draining.Store(res.StatusCode == http.StatusServiceUnavailable)
			}
		}
	}()
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A fresh connection per request, so a request is either accepted or refused.
			c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			for {
				select {
				case <-stop:
					return
				default:
				}
				if draining.Load() {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				res, err := c.Get(base + "/api/v1/version")
				switch {
				case err != nil && errors.Is(err, syscall.ECONNREFUSED):
					refused.Add(1)
				case err != nil:
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
				default:
					body, rerr := io.ReadAll(res.Body)
					res.Body.Close()
					if res.StatusCode == 200 && rerr == nil && bytes.Contains(body, []byte(`"version"`)) {
						ok.Add(1)
					} else {
						mu.Lock()
						failures = append(failures, fmt.Sprintf("status %d, read error %v", res.StatusCode, rerr))
						mu.Unlock()
					}
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitErr := make(chan error, 1)
	go func() { waitErr <- cmd.Wait() }()
	select {
	case err := <-waitErr:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not exit within 30s of SIGTERM")
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()

	if len(failures) > 0 {
		t.Fatalf("%d requests lost during shutdown (first: %s); %d ok, %d refused", len(failures), failures[0], ok.Load(), refused.Load())
	}
	if ok.Load() == 0 || !draining.Load() {
		t.Fatalf("test did not straddle the shutdown: %d ok, draining seen %v", ok.Load(), draining.Load())
	}
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s", want)
		}
	}
	// Migrations ran on the empty database and nothing is pending.
	r := runCLI(t, map[string]string{"DATABASE_URL": dbURL, "OMS_LOG_LEVEL": "error"}, "", "migrate", "status")
	if !strings.Contains(r.stdout, "all migrations applied") {
		t.Fatalf("migrate status after serve: %s", r.stdout)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

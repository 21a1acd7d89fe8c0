package faulttest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The server binary is built once per test run, into a directory TestMain removes.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// serverBinary builds ./cmd/heltnormal, the binary that is deployed, and returns its path.
func serverBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binError = os.MkdirTemp("", "hn-fault-bin-")
		if binError != nil {
			return
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		binPath = filepath.Join(binDir, "heltnormal")
		cmd := exec.Command(goTool, "build", "-o", binPath, "github.com/heltnormal/heltnormal/cmd/heltnormal")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			binError = fmt.Errorf("go build ./cmd/heltnormal: %v\n%s", err, out.String())
		}
	})
	if binError != nil {
		t.Fatal(binError)
	}
	return binPath
}

// server is the binary running as `heltnormal serve` in a child process. It can be killed
// and started again on the same address and data directory.
type server struct {
	t       *testing.T
	bin     string
	addr    string // host:port, the same across restarts
	dataDir string
	env     []string
	cmd     *exec.Cmd
	exited  chan struct{}
	logs    *lockedBuffer // every start's log, in order
}

const (
	adminEmail    = "fault-admin@heltnormal.invalid"
	adminPassword = "fault-test-admin-password"
)

// newServer prepares a server on a free loopback port with a fresh data directory (short,
// under /tmp: the embedded store's Unix socket path must stay under about 100 characters).
// extraEnv adds settings, such as MONGODB_URI and HELTNORMAL_DB.
func newServer(t *testing.T, extraEnv ...string) *server {
	t.Helper()
	dir, err := os.MkdirTemp("/tmp", "hnf-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HELTNORMAL_") && !strings.HasPrefix(kv, "MONGODB_URI=") {
			env = append(env, kv)
		}
	}
	env = append(env, "HELTNORMAL_DATA_DIR="+dir, "HELTNORMAL_ADDR="+addr,
		"HELTNORMAL_ADMIN_EMAIL="+adminEmail, "HELTNORMAL_ADMIN_PASSWORD="+adminPassword)
	env = append(env, extraEnv...)
	s := &server{t: t, bin: serverBinary(t), addr: addr, dataDir: dir, env: env, logs: &lockedBuffer{}}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("server log (last 4 KB):\n%s", s.logs.tail(4096))
		}
	})
	return s
}

// url is the server's base URL.
func (s *server) url() string { return "http://" + s.addr }

// start runs the binary and waits until /healthz answers 200; it returns how long that took.
func (s *server) start() time.Duration {
	s.t.Helper()
	began := time.Now()
	fmt.Fprintf(s.logs, "=== start %s\n", began.Format(time.TimeOnly))
	cmd := exec.Command(s.bin, "serve")
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	exited := s.exited
	go func() { _ = cmd.Wait(); close(exited) }()

	client := &http.Client{Timeout: time.Second}
	for time.Since(began) < 60*time.Second {
		select {
		case <-exited:
			s.t.Fatalf("the server exited at start:\n%s", s.logs.tail(4096))
		default:
		}
		if resp, err := client.Get(s.url() + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(began)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("the server did not become healthy within 60 s:\n%s", s.logs.tail(4096))
	return 0
}

// kill sends SIGKILL — no shutdown, no flushing, as a power cut or the OOM killer would — and
// waits until the process is gone.
func (s *server) kill() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		s.t.Fatal(err)
	}
	<-s.exited
	fmt.Fprintf(s.logs, "=== killed (SIGKILL) %s\n", time.Now().Format(time.TimeOnly))
}

// stop ends a running server gracefully (SIGTERM), killing it if it takes too long.
func (s *server) stop() {
	if s.cmd == nil {
		return
	}
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// lockedBuffer collects a child's output from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	data := b.buf.Bytes()
	if len(data) > n {
		data = data[len(data)-n:]
	}
	return string(data)
}

// waitCtx is a context for one phase of a test, ended with the test.
func waitCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

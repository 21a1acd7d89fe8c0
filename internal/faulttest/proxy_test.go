package faulttest

import (
	"net"
	"sync"
	"testing"
	"time"
)

// proxy forwards TCP connections from a loopback port to upstream (MongoDB), and can lose
// the connection on command, in one of two ways:
//
//   - cut: every open connection is closed and new ones are closed at once, as when the
//     database restarts or a firewall resets connections;
//   - stall: nothing gets through in either direction, but connections stay open and carry
//     on afterwards, as when a network link drops packets for a while.
type proxy struct {
	ln       net.Listener
	upstream string

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	cut   bool
	gate  chan struct{} // closed while traffic flows
}

func startProxy(t *testing.T, upstream string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	open := make(chan struct{})
	close(open)
	p := &proxy{ln: ln, upstream: upstream, conns: map[net.Conn]struct{}{}, gate: open}
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *proxy) handle(client net.Conn) {
	if !p.track(client) {
		client.Close()
		return
	}
	p.wait()
	up, err := net.DialTimeout("tcp", p.upstream, 5*time.Second)
	if err != nil || !p.track(up) {
		client.Close()
		if up != nil {
			up.Close()
		}
		return
	}
	go p.pipe(up, client)
	p.pipe(client, up)
}

// track remembers c so that cutting can close it; it refuses while the link is cut.
func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cut {
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *proxy) forget(c net.Conn) {
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
	c.Close()
}

// pipe copies src to dst, holding each chunk back while the link is stalled.
func (p *proxy) pipe(dst, src net.Conn) {
	defer p.forget(dst)
	defer p.forget(src)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.wait()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *proxy) wait() {
	p.mu.Lock()
	gate := p.gate
	p.mu.Unlock()
	<-gate
}

// cutLink closes every connection and refuses new ones until restore.
func (p *proxy) cutLink() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// stallLink lets nothing through until restore.
func (p *proxy) stallLink() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gate = make(chan struct{})
}

// restore ends a cut or a stall.
func (p *proxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
	select {
	case <-p.gate:
	default:
		close(p.gate)
	}
}

func (p *proxy) close() {
	p.ln.Close()
	p.restore()
	p.cutLink()
}

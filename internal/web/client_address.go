package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// trustedProxies are the reverse proxies named in HELTNORMAL_TRUSTED_PROXIES, as prefixes.
type trustedProxies []netip.Prefix

// parseTrustedProxies reads IPs and CIDRs; a bad entry stops the start-up.
func parseTrustedProxies(list []string) (trustedProxies, error) {
	var out trustedProxies
	for _, entry := range list {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		if p, err := netip.ParsePrefix(entry); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(entry)
		if err != nil {
			return nil, fmt.Errorf("HELTNORMAL_TRUSTED_PROXIES: %q is not an IP address or CIDR", entry)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (t trustedProxies) contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddress is the address a request came from. Behind trusted proxies it is the
// right-most address in X-Forwarded-For that is not a trusted proxy: each proxy appends the
// address it received from, so everything to the left of that came from the client and can
// be made up.
func (s *Server) clientAddress(c *fiber.Ctx) string {
	peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return c.Context().RemoteIP().String()
	}
	peer = peer.Unmap()
	if !s.proxies.contains(peer) {
		return peer.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed entry: trust nothing further left
		}
		if !s.proxies.contains(hop) {
			return hop.Unmap().String()
		}
	}
	return peer.String()
}

// clientKey is an HMAC of the client's address under a key that lives only in this process:
// the rate limits tell clients apart without any address being kept.
func (s *Server) clientKey(c *fiber.Ctx) string {
	mac := hmac.New(sha256.New, s.accounts.ipKey)
	mac.Write([]byte(s.clientAddress(c)))
	return hex.EncodeToString(mac.Sum(nil))
}

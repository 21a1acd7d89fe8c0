package web

import (
	"github.com/gofiber/fiber/v2"
)

// healthz tells a load balancer whether this instance can reach its store.
func (s *Server) healthz(c *fiber.Ctx) error {
	if err := s.store.Ping(c.UserContext()); err != nil {
		s.log.Error("health check: store unreachable", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable", "store": s.store.Kind})
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"status": "ok", "store": s.store.Kind})
}

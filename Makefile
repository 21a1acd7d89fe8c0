# Helt Normal. `make run` and `make test` are the README's two commands.
GO ?= go

.PHONY: run test check vet fmt surveys build bench docker

run:
	$(GO) run ./cmd/heltnormal

test:
	$(GO) test -race ./...

# What CI runs besides the tests.
check: fmt vet surveys

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

surveys:
	$(GO) run ./cmd/heltnormal survey check

# Benchmarks print their figures; targets are in docs/benchmarks.md: a region's school year
# (comparisons, reads by id, lists), one pupil's submit (allocations), a municipality's
# classes answering at once (40 × 25 pupils, 200 projector streams) on a fresh and on a
# year-sized store, each beside the machine's limit measured in the same run, a login
# flood (64 workers from random addresses while 100 pupils answer), and the
# full fault test (kill -9 while 500 pupils submit; its short run is part of `make test`).
bench:
	$(GO) test -run=NONE -bench=SchoolYear -benchtime=20x ./internal/web/
	$(GO) test -run=NONE -bench=Submit -benchtime=2000x ./internal/web/
	$(GO) run ./cmd/heltnormal bench
	$(GO) run ./cmd/heltnormal bench --seed 2000
	$(GO) run ./cmd/heltnormal bench --login-flood 64 --flood-for 15s
	HN_FULL_FAULT=1 $(GO) test -count=1 -run TestKill -v ./internal/faulttest/

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o heltnormal ./cmd/heltnormal

docker:
	docker build -t heltnormal .

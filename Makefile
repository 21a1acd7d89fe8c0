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

# Benchmarks print their figures; targets are in docs/benchmarks.md.
bench:
	$(GO) test -run=NONE -bench=. -benchtime=20x ./internal/web/

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o heltnormal ./cmd/heltnormal

docker:
	docker build -t heltnormal .

# Order Management System — build, run and test. `make run` and `make test` are the two commands
# a new machine needs; everything else is a step of those.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := bin/omsd
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)
SWAG_INIT = $(GO) tool swag init --quiet -g main.go -d api/cmd/omsd,api/internal --parseInternal --outputTypes go,json,yaml -o
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# The PostgreSQL suite runs when OMS_TEST_POSTGRES_URL is set, or when the local server answers
# as user postgres (as it does on the project's machines).
LOCAL_PG := postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
OMS_TEST_POSTGRES_URL ?= $(shell psql "$(LOCAL_PG)" -Atqc 'select 1' >/dev/null 2>&1 && echo "$(LOCAL_PG)")
export OMS_TEST_POSTGRES_URL

.PHONY: run build spa deps browser test test-go test-go-pg test-frontend test-e2e docs docs-check lint bench clean

## run: build everything and start the demo (embedded SQLite, demo data, printed logins)
run: build
	./$(BIN) serve --demo

## build: the SPA, then the single static binary that embeds it
build: spa
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./api/cmd/omsd

spa: deps
	cd frontend && npm run build

deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

# Browser tests drive Debian's Chromium; never a browser downloaded by a test tool.
browser:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Chromium first: sudo apt-get install -y chromium" >&2; exit 1; fi; fi

## test: every check CI runs
test: lint docs-check test-go test-go-pg test-frontend test-e2e

test-go:
	env -u OMS_TEST_POSTGRES_URL $(GO) test -race -count=1 ./...

test-go-pg:
	@if [ -n "$(OMS_TEST_POSTGRES_URL)" ]; then \
	  echo "PostgreSQL suite on $(OMS_TEST_POSTGRES_URL)"; $(GO) test -race -count=1 ./...; \
	elif [ "$${CI:-}" = true ]; then echo "CI needs OMS_TEST_POSTGRES_URL: the PostgreSQL suite is mandatory" >&2; exit 1; \
	else echo "PostgreSQL suite skipped: no server at $(LOCAL_PG) and OMS_TEST_POSTGRES_URL unset"; fi

test-frontend: deps
	cd frontend && npm run typecheck && npm test

test-e2e: build browser
	cd frontend && OMS_BIN="$(CURDIR)/$(BIN)" npm run e2e

## docs: regenerate the OpenAPI spec (docs/) and the SPA's API types from the swag annotations
docs: deps
	$(SWAG_INIT) docs
	cd frontend && npm run gen:api

## docs-check: fail when docs/ or the SPA's generated types are stale
docs-check: deps
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(SWAG_INIT) "$$tmp/docs" >/dev/null; \
	for f in docs.go swagger.json swagger.yaml; do diff -q "docs/$$f" "$$tmp/docs/$$f" >/dev/null || { echo "docs/$$f is stale: run make docs" >&2; exit 1; }; done; \
	cd frontend && npx --no-install swagger2openapi "$$tmp/docs/swagger.json" -o "$$tmp/openapi3.json" >/dev/null && \
	npx --no-install openapi-typescript "$$tmp/openapi3.json" -o "$$tmp/schema.d.ts" >/dev/null 2>&1 && \
	for f in openapi3.json schema.d.ts; do diff -q "src/api/$$f" "$$tmp/$$f" >/dev/null || { echo "frontend/src/api/$$f is stale: run make docs" >&2; exit 1; }; done; \
	echo "docs are up to date"

## lint: formatting, vet and staticcheck
lint:
	@unformatted=$$(gofmt -l api frontend/embed.go); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## bench: benchmarks (throughput and allocations); not part of make test
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin frontend/dist/assets frontend/dist/index.html

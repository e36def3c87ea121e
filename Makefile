# SalonChat: build, run and test. On a fresh Debian/Ubuntu machine with Go 1.26,
# `make run` and `make test` install what is missing and do the rest.

SHELL     := /bin/bash
GO        ?= go
BINARY    := salonchat
# Each benchmark runs about this long; the storage fixture (100 000 chats) is built once.
BENCHTIME ?= 1s
DEMO_DIR  ?= ./demo-data
ARGS      ?=

# Debian packages for Fyne's cgo build (GL, X11), the headless test display, and emoji in
# ordinary text.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth fonts-noto-color-emoji
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT  := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: deps build run test bench fmt lint demo

## deps: install the Debian packages that are missing (nothing when all are there)
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
		dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all $(words $(APT_PACKAGES)) packages present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	$(APT) update -q && $(APT) install -y -q$$missing

## build: the salonchat binary (the first cgo build of Fyne takes 3-5 minutes)
build: deps
	$(GO) build -o $(BINARY) ./cmd/salonchat

## run: build and start SalonChat (pass flags with ARGS="--data DIR")
run: build
	./$(BINARY) $(ARGS)

## test: go vet, then every test with the race detector on a virtual display
test: deps
	@log=$$(mktemp); vet=ok; tests=ok; \
	echo "==> go vet ./..."; \
	$(GO) vet ./... || vet=FAILED; \
	echo "==> go test -race -count=1 ./...  (under xvfb-run)"; \
	set -o pipefail; \
	xvfb-run -a -s "-screen 0 1366x768x24" $(GO) test -race -count=1 ./... 2>&1 | tee "$$log" || tests=FAILED; \
	echo; \
	echo "==> summary: go vet $$vet; go test $$tests:" \
		"$$(grep -c '^ok' "$$log") packages passed," \
		"$$(grep -cP '^FAIL\t' "$$log") failed," \
		"$$(grep -c '^?' "$$log") without tests"; \
	grep -P '^(FAIL\t|--- FAIL)' "$$log" || true; \
	rm -f "$$log"; \
	[ "$$vet" = ok ] && [ "$$tests" = ok ]

## bench: every benchmark once, BENCHTIME each (a few minutes in all)
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime=$(BENCHTIME) -timeout 30m ./...

## fmt: gofmt every Go file
fmt:
	gofmt -w .

## lint: fail on unformatted files, then go vet
lint: deps
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## demo: fill $(DEMO_DIR) with the demo salon (data already there is kept aside, not deleted)
demo: build
	./$(BINARY) demo --data $(DEMO_DIR) --force

# metricx — the two commands that matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

.PHONY: deps build run stop test lint ui-test bench anomaly-eval k8s-check probe generate-protos clean

deps:
	@scripts/ensure-deps

build: deps
	swift build -c release

run: build
	@scripts/run-stack

stop:
	@scripts/stop-stack

test: deps
	@scripts/run-tests

# openapi-spec-validator on the API contract and swift-format lint (also the first step of `make test`).
lint: deps
	@scripts/lint

# The web app in headless Chromium against a stack of its own (also the last step of `make test`).
ui-test: deps
	@scripts/ui-test

# Throughput and latency on a generated 2,000-ad workspace (never part of `make test`).
bench: deps
	@scripts/run-bench

# The anomaly monitor's recall, time to detection and false alerts over 80 test worlds with
# labelled incidents and 40 healthy ones, from a release build (WORLDS="20 10" for fewer).
anomaly-eval: deps
	@scripts/anomaly-eval $(WORLDS)

# Renders k8s/ overlays, validates them against the Kubernetes schemas, scans them with checkov.
k8s-check: deps
	@scripts/k8s-check

# gRPC health of every service (the stack must be running).
probe:
	@bin=$$(swift build -c release --show-bin-path); \
	for s in $$(grep -v -e '^#' -e '^[[:space:]]*$$' services.tsv | cut -f2); do $$bin/$$s probe || exit 1; done

generate-protos:
	scripts/generate-protos

clean:
	rm -rf .build

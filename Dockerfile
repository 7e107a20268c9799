# syntax=docker/dockerfile:1
# One image with the five executables (/app/bin/{Gateway,MetricsSvc,CopilotSvc,LineageSvc,SyncSvc});
# each Deployment in k8s/ runs one of them. Build: docker build -t ghcr.io/metricx/metricx:<tag> .

# --- build: the Swift toolchain and the -dev headers of the system libraries --------------------
FROM swift:6.2-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev libhiredis-dev libssl-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so that a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
# Every target of the manifest must exist for it to load, the test targets included.
COPY Sources Sources
COPY Benchmarks Benchmarks
COPY Tests Tests
# The Swift runtime and Foundation are linked in statically: the runtime stage needs only the C
# libraries below. The web app's files go beside the gateway, where it looks for them.
RUN swift build -c release --static-swift-stdlib \
      --product Gateway --product MetricsSvc --product CopilotSvc --product LineageSvc --product SyncSvc \
 && mkdir -p /out/bin \
 && for product in Gateway MetricsSvc CopilotSvc LineageSvc SyncSvc; do \
      cp "$(swift build -c release --show-bin-path)/$product" /out/bin/; \
    done \
 && strip /out/bin/* \
 && cp -R "$(swift build -c release --show-bin-path)/metricx_Gateway.resources" /out/bin/

# --- runtime: libpq, hiredis and OpenSSL, a non-root user, nothing else -------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libhiredis0.14 libssl3 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 metricx \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin metricx
COPY --from=build /out/bin /app/bin
USER 10001:10001
# Gateway HTTP; gRPC 50050-50054 and admin (/metrics, /healthz) 9100-9104 in the order gateway,
# metrics, copilot, lineage, sync.
EXPOSE 8080 50050-50054 9100-9104
CMD ["/app/bin/Gateway", "serve"]

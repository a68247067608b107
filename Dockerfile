# syntax=docker/dockerfile:1

# faqbot as a static binary on a distroless base, running as a non-root user.
#
#   docker build -t faqbot .
#   docker run -d --name faqbot --env-file .env \
#     -e CONTENT_DIR=/content -v "$PWD/content:/content:ro" \
#     -v faqbot-data:/data faqbot
#   docker kill -s HUP faqbot            # reload the content
#   docker run --rm faqbot ask "how do I reload the FAQ?"
#
# Without CONTENT_DIR the bot answers from the content built into the binary.
# Settings come from the environment (--env-file, -e); the image sets only
# where indexes and feedback are kept.

# The build stage runs on the builder's own platform and cross-compiles, so
# multi-platform builds (docker buildx --platform) need no emulation.
FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build
ARG TARGETOS TARGETARCH
WORKDIR /src

# Dependencies first: this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
# Pure Go (bbolt and Bleve's scorch need no cgo), so the binary is static and
# runs on distroless/static, which has no libc.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w" -o /out/faqbot . \
 && mkdir -p /out/data /out/content

# distroless/static has CA certificates (for Discord's TLS) and time zones,
# and no shell or package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/faqbot /faqbot
# Owned by the nonroot user, so that a fresh named volume mounted on /data is
# writable (Docker copies the ownership into it). A bind mount keeps the
# host directory's ownership: make it writable by uid 65532.
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /out/content /content

ENV INDEX_DIR=/data/index \
    DATA_DIR=/data
VOLUME ["/content", "/data"]
USER 65532:65532

# No HEALTHCHECK: the image has no shell or HTTP client to run one. Set
# METRICS_ADDR=:9090 (and publish the port) and let the orchestrator probe
# GET /healthz, which answers 200 when the gateway is connected and an index
# is loaded.

# faqbot exits cleanly on SIGTERM (docker stop) and reloads on SIGHUP.
ENTRYPOINT ["/faqbot"]
CMD ["serve"]

# Build: a static binary (the embedded store's SQLite is pure Go, so no cgo).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/heltnormal ./cmd/heltnormal \
 && mkdir -p /out/data

# Run: no shell, no package manager, a non-root user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/heltnormal /heltnormal
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV HELTNORMAL_ADDR=:8080 \
    HELTNORMAL_DATA_DIR=/data
USER nonroot:nonroot
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=4s --start-period=20s --retries=3 CMD ["/heltnormal", "health"]
ENTRYPOINT ["/heltnormal"]
CMD ["serve"]

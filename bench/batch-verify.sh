#!/usr/bin/env bash
# Verifying a folder of small signed messages: OpenSSL's `cms -verify` once per message, as people run
# it, against one `signet verify` process for all of them. Prints messages per second and the ratio.
# Usage: bench/batch-verify.sh [MESSAGES] [SIZE_BYTES]   (default 1000 messages of 4096 bytes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-1000}"
size="${2:-4096}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SIGNET_PASSWORD=bench
signet="$root/signet"

"$signet" id new --email bench@example.org --name Bench --key rsa2048 --out "$work/id.p12" >/dev/null 2>&1
openssl pkcs12 -in "$work/id.p12" -passin env:SIGNET_PASSWORD -nokeys -clcerts -out "$work/id.pem" 2>/dev/null
openssl pkcs12 -in "$work/id.p12" -passin env:SIGNET_PASSWORD -nocerts -nodes -out "$work/id.key" 2>/dev/null
{ printf 'From: bench@example.org\r\nTo: x@example.org\r\nSubject: bench\r\n\r\n'
  head -c "$size" /dev/zero | tr '\0' 'a' | fold -w 76 | sed 's/$/\r/'; } > "$work/plain.eml"
openssl cms -sign -in "$work/plain.eml" -signer "$work/id.pem" -inkey "$work/id.key" -md sha256 -from bench@example.org -to x@example.org -subject bench -out "$work/signed.eml"
"$signet" verify --trust "$work/id.pem" --in "$work/signed.eml" >&2
mkdir "$work/mail"
for i in $(seq 1 "$count"); do cp "$work/signed.eml" "$work/mail/$i.eml"; done

now() { date +%s%N; }
start=$(now)
for f in "$work"/mail/*.eml; do
  openssl cms -verify -in "$f" -CAfile "$work/id.pem" -purpose any -out /dev/null 2>/dev/null
done
openssl_ns=$(( $(now) - start ))
start=$(now)
"$signet" verify --trust "$work/id.pem" "$work"/mail/*.eml 2>/dev/null || echo "signet verify: exit $? (not all valid)" >&2
signet_ns=$(( $(now) - start ))

awk -v n="$count" -v o="$openssl_ns" -v s="$signet_ns" -v size="$size" 'BEGIN {
  printf "| %d messages of %d bytes | OpenSSL, a process each | Signet, one process | Signet / OpenSSL |\n", n, size
  printf "|---|---|---|---|\n"
  printf "| messages per second | %.0f | %.0f | %.1fx |\n", n / (o / 1e9), n / (s / 1e9), o / s }'

#!/usr/bin/env bash
# Large messages, one process each, Signet beside `openssl cms`, in one run (issue 21's measure): verify
# and decrypt of 256 MiB, the key from an OpenSSL-made PKCS#12, and Signet's rate past its start-up,
# (1 GiB - 256 MiB) / (its time at 1 GiB - its time at 256 MiB), to set beside the engine's warm rate.
# Usage: bench/large-messages.sh [RUNS]   (default 5: the median of that many alternating runs; ~10 min)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
# In memory where there is a tmpfs: the disk's write-back of gigabytes otherwise sets the figures.
scratch=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch=/dev/shm
work="$(mktemp -d "${TMPDIR:-$scratch}/signet-large.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export SIGNET_PASSWORD=bench
signet="$root/signet"

"$signet" --version >/dev/null || { echo "large-messages: signet does not build" >&2; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/id.key" -out "$work/id.pem" -days 30 \
  -subj "/CN=Bench/emailAddress=bench@example.org" -addext "subjectAltName=email:bench@example.org" 2>/dev/null
openssl pkcs12 -export -in "$work/id.pem" -inkey "$work/id.key" -passout env:SIGNET_PASSWORD -out "$work/id.p12"

# message SIZE FILE: a mail of about SIZE bytes: random data in base64 lines.
message() {
  { printf 'From: bench@example.org\r\nTo: x@example.org\r\nSubject: bench\r\nContent-Type: application/octet-stream\r\n'
    printf 'Content-Transfer-Encoding: base64\r\n\r\n'
    head -c $(($1 / 78 * 57)) /dev/urandom | base64 -w 76 | sed 's/$/\r/'; } > "$2"
}
echo "large-messages: making 256 MiB and 1 GiB messages..." >&2
for size in 256 1024; do
  message $((size << 20)) "$work/m$size.eml"
  openssl cms -sign -in "$work/m$size.eml" -signer "$work/id.pem" -inkey "$work/id.key" -md sha256 \
    -out "$work/s$size.eml"
  openssl cms -encrypt -aes-128-gcm -in "$work/m$size.eml" -out "$work/e$size.eml" "$work/id.pem"
done

# median_ms COMMAND...: the median wall time of $runs runs, in milliseconds (one run first, untimed).
median_ms() {
  local times=() i start
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    times+=($((($(date +%s%N) - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

printf '| op | OpenSSL 256 MiB | Signet 256 MiB | OpenSSL time / Signet time | Signet 1 GiB | Signet past start-up |\n'
printf '|---|---|---|---|---|---|\n'
for op in verify decrypt; do
  case $op in
    verify) o=(openssl cms -verify -CAfile "$work/id.pem" -purpose any -out /dev/null -in)
            s=("$signet" verify --trust "$work/id.pem" --in) ; file=s ;;
    decrypt) o=(openssl cms -decrypt -recip "$work/id.pem" -inkey "$work/id.key" -out "$work/out" -in)
            s=("$signet" decrypt --id "$work/id.p12" --out "$work/out" --in) ; file=e ;;
  esac
  to=$(median_ms "${o[@]}" "$work/${file}256.eml")
  ts=$(median_ms "${s[@]}" "$work/${file}256.eml")
  tg=$(median_ms "${s[@]}" "$work/${file}1024.eml")
  awk -v op="$op" -v to="$to" -v ts="$ts" -v tg="$tg" 'BEGIN {
    printf "| %s | %.2f s | %.2f s | %.1fx | %.2f s | %.0f MB/s |\n", op, to / 1000, ts / 1000, to / ts, tg / 1000,
      (768 * 1048576 / 1e6) / ((tg - ts) / 1000) }'
done

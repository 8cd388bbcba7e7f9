#!/usr/bin/env bash
# Signet beside `openssl cms` on the same generated messages, in one run, with the ratio table.
# Usage: bench/compare-openssl.sh [SECONDS_PER_MEASUREMENT]   (default 3; about 10 minutes in all)
# Columns: OpenSSL's CLI (one process per message, as people run it), Signet's CLI (the same), and
# Signet's engine in one warm JVM (`signet speed`), each in MB/s of message, and the ratios to OpenSSL.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SIGNET_PASSWORD=bench
signet="$root/signet"
sizes="4k,1m,64m"

"$signet" --version >/dev/null || { echo "compare-openssl: signet does not build" >&2; exit 1; }
echo "engine: signet speed --seconds $seconds --sizes $sizes (this takes a few minutes)..." >&2
"$signet" speed --json --seconds "$seconds" --sizes "$sizes" --only sign,verify,encrypt,decrypt,sign+encrypt,decrypt+verify \
  --export "$work" > "$work/engine.json" 2>/dev/null
cp "$work/engine.json" "${ENGINE_JSON:-/dev/null}"
openssl pkcs12 -in "$work/rsa2048.p12" -passin env:SIGNET_PASSWORD -nokeys -clcerts -out "$work/rsa.pem" 2>/dev/null
openssl pkcs12 -in "$work/rsa2048.p12" -passin env:SIGNET_PASSWORD -nocerts -nodes -out "$work/rsa.key" 2>/dev/null

# rate COMMAND...: runs it until $seconds have passed (at least twice), prints runs per second.
rate() {
  "$@" >/dev/null 2>&1
  local start end runs=0
  start=$(date +%s.%N)
  while :; do
    "$@" >/dev/null 2>&1
    runs=$((runs + 1))
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v t="$seconds" -v r="$runs" 'BEGIN { exit !((e - s) >= t && r >= 2) }' && break
  done
  awk -v s="$start" -v e="$end" -v r="$runs" 'BEGIN { printf "%.3f", r / (e - s) }'
}

engine() { # op suite size -> MB/s from the engine's JSON
  python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["op"]==sys.argv[2] and x["suite"]==sys.argv[3] and x["size"]==int(sys.argv[4])]; print("%.1f" % r[0]["megabytesPerSecond"])' \
    "$work/engine.json" "$1" "$2" "$3"
}

printf '| op | size | OpenSSL CLI MB/s | Signet CLI MB/s | Signet engine MB/s | CLI / OpenSSL | engine / OpenSSL |\n'
printf '|---|---|---|---|---|---|---|\n'
for size in 4096 1048576 67108864; do
  m="$work/message-$size.eml"
  openssl cms -sign -in "$m" -signer "$work/rsa.pem" -inkey "$work/rsa.key" -md sha256 -out "$work/o-signed.eml"
  openssl cms -encrypt -aes-128-gcm -in "$m" -out "$work/o-enc.eml" "$work/rsa.pem"
  "$signet" sign --id "$work/rsa2048.p12" --in "$m" --out "$work/s-signed.eml"
  "$signet" encrypt --to "$work/rsa.pem" --in "$m" --out "$work/s-enc.eml"
  for op in sign verify encrypt decrypt; do
    case $op in
      sign) o=(openssl cms -sign -in "$m" -signer "$work/rsa.pem" -inkey "$work/rsa.key" -md sha256)
            s=("$signet" sign --id "$work/rsa2048.p12" --in "$m"); suite=rsa2048 ;;
      verify) o=(openssl cms -verify -in "$work/o-signed.eml" -CAfile "$work/rsa.pem" -purpose any)
            s=("$signet" verify --trust "$work/rsa.pem" --in "$work/s-signed.eml"); suite=rsa2048 ;;
      encrypt) o=(openssl cms -encrypt -aes-128-gcm -in "$m" "$work/rsa.pem")
            s=("$signet" encrypt --to "$work/rsa.pem" --in "$m"); suite=aes128-gcm/rsa2048 ;;
      decrypt) o=(openssl cms -decrypt -in "$work/o-enc.eml" -recip "$work/rsa.pem" -inkey "$work/rsa.key")
            s=("$signet" decrypt --id "$work/rsa2048.p12" --in "$work/s-enc.eml"); suite=aes128-gcm/rsa2048 ;;
    esac
    ro=$(rate "${o[@]}")
    rs=$(rate "${s[@]}")
    e=$(engine "$op" "$suite" "$size")
    awk -v op="$op" -v size="$size" -v ro="$ro" -v rs="$rs" -v e="$e" 'BEGIN {
      mo = ro * size / 1e6; ms = rs * size / 1e6
      label = size >= 1048576 ? (size / 1048576) " MiB" : (size / 1024) " KiB"
      printf "| %s | %s | %.1f | %.1f | %.1f | %.1fx | %.1fx |\n", op, label, mo, ms, e, ms / mo, e / mo }'
  done
done

#!/bin/sh
# The load test, long: 50 people sending signed and encrypted 4 KiB mail to each other over SMTP and
# reading it over IMAP and the web UI, against the whole service on loopback, for SECONDS (default 300).
# Prints the figures and the latency table; exits 1 if any message was lost or doubled or any error seen.
# Usage: bench/load.sh [SECONDS] [PEOPLE]
set -eu
cd "$(dirname "$0")/.."
jar=signet-bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -DskipTests package -pl signet-bench -am >&2
fi
exec java -Xmx2g -cp "$jar" dev.signet.bench.LoadRun "${1:-300}" "${2:-50}"

#!/bin/sh
# The web mail's folder benchmark: with 10,000 messages (or MESSAGES) in an INBOX on the embedded mail
# server, the time to serve the folder page and to open a 1 MiB message (median, p90 and max of 20).
# Not a test: it prints the table. Usage: bench/folders.sh [MESSAGES]
set -eu
cd "$(dirname "$0")/.."
jar=signet-bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -DskipTests package -pl signet-bench -am >&2
fi
exec java -Xmx1g -cp "$jar" dev.signet.bench.FolderPageRun "${1:-10000}"

#!/bin/sh
# The embedded mail store's benchmark: start-up time and heap with 10, 10,000 and 100,000 messages in
# a mailbox, the time of an IMAP fetch of the newest 50 (first and again), then 50 people with 20,000
# messages each; every case in a JVM of its own with -Xmx512m. Not a test: it prints the table.
# Usage: bench/mailstore.sh [WORK_FOLDER] [--no-50x20000]   (the mail folders stay in WORK_FOLDER)
set -eu
cd "$(dirname "$0")/.."
jar=signet-bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -DskipTests package -pl signet-bench -am >&2
fi
exec java -cp "$jar" dev.signet.bench.MailStoreRun "$@"

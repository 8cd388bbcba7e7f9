#!/usr/bin/env bash
# Fuzzes every parser of untrusted input in signet-core with Jazzer, one target after another,
# SECONDS each (default 120), at the lowest CPU priority; prints inputs and executions per target.
#   bench/fuzz.sh [SECONDS] [TARGET...]   e.g. bench/fuzz.sh 600 MessageFuzzTest#anyMessage
#   bench/fuzz.sh --seeds                 rewrites the seed corpora from the engine's own messages
# A finding is written by Jazzer under signet-core/src/test/resources/dev/signet/core/fuzz/*Inputs/
# and from then on replayed by `mvn verify`. The growing corpus lives in signet-core/target/fuzz-corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o install -DskipTests -pl signet-core -am
cd signet-core
if [ "${1:-}" = "--seeds" ]; then
  mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
  java -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" dev.signet.core.fuzz.FuzzSeeds \
    src/test/resources ../../shared
  exit 0
fi
seconds="${1:-120}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(MessageFuzzTest#anyMessage CmsFuzzTest#signedData CmsFuzzTest#envelopedData
    CmsFuzzTest#authEnvelopedData CmsFuzzTest#compressedData CertificateFuzzTest#certificates
    CertificateFuzzTest#crls Pkcs12FuzzTest#digitalIds PolicyFuzzTest#nameValueFiles
    PolicyFuzzTest#registryExports TransferEncodingFuzzTest#base64Bodies TransferEncodingFuzzTest#pemBodies
    EssFuzzTest#receiptRequests EssFuzzTest#securityLabels EssFuzzTest#receipts EssFuzzTest#signedReceipts)
fi
# Fuzz a copy of the module, so that building the tree meanwhile does not pull classes from under it.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r pom.xml src target "$work/"
status=0
for target in "${targets[@]}"; do
  name="${target/\#/.}"
  corpus="$PWD/target/fuzz-corpus/$name"
  log="$PWD/target/fuzz-$name.log"
  mkdir -p "$corpus"
  # libFuzzer flags: the corpus folder, the run's length, and a per-input time limit that catches hangs.
  (cd "$work" && JAZZER_FUZZ=1 nice -n 19 mvn -o surefire:test@fuzz-regression -Dfuzz.quiet=false \
    -Dtest="dev.signet.core.fuzz.$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.instrument='dev.signet.**,org.bouncycastle.**,org.apache.james.mime4j.**' \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="$corpus" \
    -Djazzer.internal.arg.2=-max_total_time="$seconds" -Djazzer.internal.arg.3=-timeout=30) >"$log" 2>&1 || status=1
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  finding=$(grep -m1 -oE 'FuzzTestFinding.*' "$log" | cut -c1-200 || true)
  echo "$target: ${runs:-no 'Done' line}, corpus $(ls "$corpus" | wc -l) inputs${finding:+; FINDING: $finding}"
done
# Findings are written as crash-* files beside the seeds: bring them into the tree.
(cd "$work/src/test/resources" && find . -name 'crash-*' -exec cp --parents {} "$OLDPWD/src/test/resources/" \;)
exit $status

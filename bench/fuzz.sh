#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input with Jazzer, one target after another, SECONDS each
# (default 120), at the lowest CPU priority; prints inputs and executions per target.
#   bench/fuzz.sh [SECONDS] [TARGET...]   e.g. bench/fuzz.sh 600 MessageFuzzTest#anyMessage EstFuzzTest#serverMadeKeys
#   bench/fuzz.sh --seeds                 rewrites signet-core's seed corpora from the engine's own messages
# A target is Class#method; its module is the one whose tests hold Class.java. Without targets, all of them run.
# A finding is written by Jazzer beside the seeds (src/test/resources/<package>/<Class>Inputs/) and from then on
# replayed by `mvn verify`. The growing corpus lives in <module>/target/fuzz-corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
if [ "${1:-}" = "--seeds" ]; then
  mvn -q -o install -DskipTests -pl signet-core -am
  cd signet-core
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
    EssFuzzTest#receiptRequests EssFuzzTest#securityLabels EssFuzzTest#receipts EssFuzzTest#signedReceipts
    OcspResponseFuzzTest#responses StoreSettingsFuzzTest#settingsFiles DirectoryEntryFuzzTest#searchResultEntries
    EstFuzzTest#certificateRequests EstFuzzTest#issuedCertificates EstFuzzTest#serverMadeKeys)
fi
mvn -q -o install -DskipTests -Dspotbugs.skip
# Fuzz copies of the modules, so that building the tree meanwhile does not pull classes from under them.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for module in signet-*/; do
  mkdir "$work/$module" && (cd "$module" && cp -r pom.xml src target "$work/$module/")
done
status=0
for target in "${targets[@]}"; do
  source=$(find "$root"/signet-*/src/test/java -name "${target%%#*}.java" | head -1)
  [ -n "$source" ] || { echo "$target: no such fuzz test"; status=1; continue; }
  module="${source#"$root"/}"; module="${module%%/*}"
  class=$(sed -E 's#.*/src/test/java/##; s#\.java$##; s#/#.#g' <<<"$source")
  corpus="$root/$module/target/fuzz-corpus/${target/\#/.}"
  log="$root/$module/target/fuzz-${target/\#/.}.log"
  mkdir -p "$corpus"
  # libFuzzer flags: the corpus folder, the run's length, and a per-input time limit that catches hangs.
  (cd "$work/$module" && JAZZER_FUZZ=1 nice -n 19 mvn -o surefire:test@fuzz-regression -Dfuzz.quiet=false \
    -Dtest="$class#${target#*#}" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.instrument='dev.signet.**,org.bouncycastle.**,org.apache.james.mime4j.**,com.unboundid.**' \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="$corpus" \
    -Djazzer.internal.arg.2=-max_total_time="$seconds" -Djazzer.internal.arg.3=-timeout=30) >"$log" 2>&1 || status=1
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  finding=$(grep -m1 -oE 'FuzzTestFinding.*' "$log" | cut -c1-200 || true)
  echo "$target ($module): ${runs:-no 'Done' line}, corpus $(ls "$corpus" | wc -l) inputs${finding:+; FINDING: $finding}"
done
# Findings are written as crash-* files beside the seeds: bring them into the tree.
for copy in "$work"/signet-*; do
  [ -d "$copy/src/test/resources" ] || continue
  (cd "$copy/src/test/resources" && find . -name 'crash-*' -exec cp --parents {} "$root/$(basename "$copy")/src/test/resources/" \;)
done
exit $status

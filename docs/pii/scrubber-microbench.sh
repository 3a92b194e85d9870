#!/usr/bin/env bash
# Old (a20fb9d, before issue 15) vs current PiiScrubber on the same bench documents, interleaved, thread CPU time.
# Usage (repo root): docs/pii/scrubber-microbench.sh [documents=5000] [rounds=7]
set -euo pipefail
docs=${1:-5000}; rounds=${2:-7}; base=a20fb9d; work=$(mktemp -d)
# The bench documents come from the experiments module's BenchCorpus; its classpath holds stream-processors' classes.
mvn -q -pl experiments -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
cp="experiments/target/classes:$(cat experiments/target/cp.txt)"
mkdir -p "$work/old/medstream/cleaning/piiold" "$work/classes"
for f in PiiMatch PiiScrubber PiiType ScrubResult; do
  git show "$base:stream-processors/src/main/java/medstream/cleaning/pii/$f.java" \
    | sed 's/^package medstream.cleaning.pii;/package medstream.cleaning.piiold;/' > "$work/old/medstream/cleaning/piiold/$f.java"
done
javac -nowarn -encoding UTF-8 --release 17 -cp "$cp" -d "$work/classes" \
  $(find "$work/old" -name '*.java') docs/pii/ScrubberMicrobench.java
java -Xmx2g -cp "$cp:$work/classes" ScrubberMicrobench "$docs" "$rounds" "${MEDSTREAM_SHARED_DATA:-../shared/data}"

#!/usr/bin/env bash
# Current PiiScrubber against the one of a reference commit (default 47103c4, before the speed-up of issue 15's
# scrubber), in both modes, over bench documents, generated labeled notes (30 seeds) and upper/lower/U+0130 variants
# of every 7th text: prints how many scrubbed texts differ (0 expected) and the first few that do.
# Usage (repo root): docs/pii/scrubber-equivalence.sh [bench documents=20000] [reference commit=47103c4]
set -euo pipefail
docs=${1:-20000}; base=${2:-47103c4}; work=$(mktemp -d); dir=stream-processors/src/main
# The bench documents come from the experiments module's BenchCorpus; its classpath holds stream-processors' classes.
mvn -q -pl experiments -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
cp="stream-processors/target/test-classes:experiments/target/classes:$(cat experiments/target/cp.txt)"
mkdir -p "$work/src/medstream/cleaning/piiref" "$work/classes/medstream/cleaning/piiref"
for f in $(git ls-tree --name-only "$base" "$dir/java/medstream/cleaning/pii/"); do
  git show "$base:$f" | sed 's/^package medstream.cleaning.pii;/package medstream.cleaning.piiref;/' \
    > "$work/src/medstream/cleaning/piiref/$(basename "$f")"
done
for f in $(git ls-tree --name-only "$base" "$dir/resources/medstream/cleaning/pii/"); do
  git show "$base:$f" > "$work/classes/medstream/cleaning/piiref/$(basename "$f")"
done
mkdir -p "$work/src/medstream/cleaning/pii" && cp docs/pii/ScrubberEquivalence.java "$work/src/medstream/cleaning/pii/"
javac -nowarn -encoding UTF-8 --release 17 -cp "$cp" -d "$work/classes" $(find "$work/src" -name '*.java')
java -Xmx2g -cp "$cp:$work/classes" medstream.cleaning.pii.ScrubberEquivalence "$docs" "${MEDSTREAM_SHARED_DATA:-../shared/data}"

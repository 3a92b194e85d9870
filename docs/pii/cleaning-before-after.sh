#!/usr/bin/env bash
# End-to-end cleaning bench before (main a20fb9d, before issue 15's scrubber) and after (this tree), alternating
# one JVM each per round; prints one JSON line per run and the medians.
# Usage (repo root): docs/pii/cleaning-before-after.sh [records=20000] [rounds=3]
set -euo pipefail
records=${1:-20000}; rounds=${2:-3}; base=a20fb9d
data=${MEDSTREAM_SHARED_DATA:-$(cd ../shared/data && pwd)}
work=$(mktemp -d); before="$work/before"
git worktree add -q --detach "$before" "$base"
trap 'git worktree remove --force "$before"' EXIT
# The benchmark moved from stream-processors (medstream.cleaning.bench, as in a20fb9d) to the experiments module.
classpath() { # $1 = tree, $2 = the module holding the benchmark
  (cd "$1" && mvn -q -pl "$2" -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile="$work/$(basename "$1")-cp.txt" -Dmdep.includeScope=runtime >"$work/build.log" 2>&1) \
      || { cat "$work/build.log" >&2; exit 1; }
  echo "$1/$2/target/classes:$1/topics/target/classes:$(cat "$work/$(basename "$1")-cp.txt")"
}
cp_before=$(classpath "$before" stream-processors) || exit 1; cp_after=$(classpath "$PWD" experiments) || exit 1
main_before=medstream.cleaning.bench.CleaningBenchmark; main_after=medstream.experiments.bench.cleaning.CleaningBenchmark
run() { # $1 = label, $2 = classpath, $3 = main class
  java -Xmx4g -cp "$2" "$3" records="$records" repeats=1 threads=2 \
      data="$data" 2>/dev/null | grep '^{' | tail -1 | sed "s/^{/{\"tree\": \"$1\", /" | tee -a "$work/runs.jsonl"
}
for i in $(seq "$rounds"); do
  if (( i % 2 )); then run before "$cp_before" $main_before; run after "$cp_after" $main_after
  else run after "$cp_after" $main_after; run before "$cp_before" $main_before; fi
done
python3 - "$work/runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
med = {t: statistics.median(r["cleaning_rps"] for r in runs if r["tree"] == t) for t in ("before", "after")}
rat = {t: statistics.median(r["cleaning_rps"] / r["passthrough_rps"] for r in runs if r["tree"] == t) for t in ("before", "after")}
print(json.dumps({"median_cleaning_rps": med, "after_over_before": med["after"] / med["before"],
                  "median_ratio_to_passthrough": rat, "ratio_after_over_before": rat["after"] / rat["before"]}))
PY

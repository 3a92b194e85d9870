#!/usr/bin/env bash
# Embedded schema registry latency with TCP_NODELAY off (the JDK default) and on (what medstream sets), alternating.
# Usage (repo root): docs/registry/latency-probe.sh [rounds=3]
set -euo pipefail
rounds=${1:-3}; work=$(mktemp -d)
mvn -q -pl topics compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="topics/target/classes:$(cat "$work/cp.txt")"
javac -nowarn -d "$work" -cp "$cp" docs/registry/RegistryLatencyProbe.java
for i in $(seq "$rounds"); do
  for nodelay in false true; do
    java -Dsun.net.httpserver.nodelay=$nodelay -cp "$work:$cp" RegistryLatencyProbe 2>/dev/null | grep nodelay
  done
done

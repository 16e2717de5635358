#!/usr/bin/env bash
# The tensor API against the buffer path (TensorApiBenchmark), value + input gradient, in one run of about 8 minutes:
# JMH in sample-time mode with -prof gc, sizes 1e3..1e7, 1 and 2 threads, on the plain loops (a JVM without flags,
# as `java -jar`) and on the Vector API kernels (--add-modules jdk.incubator.vector, what the losses4j launcher
# adds), every fork on the JVM's default heap; then the same paths timed call by call in a plain JVM outside JMH
# (TensorApiTiming). Prints the Markdown tables of docs/BENCHMARKS.md; raw results stay in
# bench/results/tensor-api-<timestamp>/.
#
#   bench/tensor-api.sh                       # huber_loss, the whole matrix (~8 minutes)
#   bench/tensor-api.sh --loss=mse_loss       # another element-wise loss
#   bench/tensor-api.sh --sizes=10000,100000 --threads=1 --modes=plain   # a part of it
#
# Builds bench with the reactor (./mvnw -pl bench -am package; pass -o through MVN_FLAGS=-o), never installs.
# Needs: a JDK 17+ and python3. JMH runs with -Djmh.ignoreLock=true (on a shared machine another JMH run holds
# /tmp/jmh.lock).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
loss=huber_loss
sizes="1000,10000,100000,1000000,10000000"
threads="1 2"
modes="plain vector"
for a in "$@"; do
  case "$a" in
    --loss=*) loss="${a#*=}" ;;
    --sizes=*) sizes="${a#*=}" ;;
    --threads=*) threads="${a#*=}"; threads="${threads//,/ }" ;;
    --modes=*) modes="${a#*=}"; modes="${modes//,/ }" ;;
    *) echo "usage: $0 [--loss=NAME] [--sizes=N,N,...] [--threads=1,2] [--modes=plain,vector]" >&2; exit 2 ;;
  esac
done
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
out="bench/results/tensor-api-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "results: $out" >&2

./mvnw -q ${MVN_FLAGS:-} -pl bench -am -DskipTests package
jar=bench/target/benchmarks.jar
"$java" -version 2>&1 | head -1 > "$out/jdk.txt"
{ lscpu | grep -E 'Model name|^CPU\(s\)|L2|L3'; grep MemTotal /proc/meminfo; uptime; } > "$out/machine.txt" || true

for mode in $modes; do
  flags=""
  if [ "$mode" = vector ]; then flags="--add-modules=jdk.incubator.vector"; fi
  for t in $threads; do
    echo "== JMH, $mode, $t thread(s)" >&2
    "$java" -Djmh.ignoreLock=true -jar "$jar" 'TensorApiBenchmark' -p loss="$loss" -p n="$sizes" -prof gc \
      -jvmArgsAppend "-Dlosses4j.threads=$t $flags" -rf json -rff "$out/jmh-$mode-t$t.json" > "$out/jmh-$mode-t$t.log"
  done
done
for mode in $modes; do
  flags=()
  if [ "$mode" = vector ]; then flags=(--add-modules=jdk.incubator.vector); fi
  for t in $threads; do
    echo "== plain JVM, $mode, $t thread(s)" >&2
    "$java" "${flags[@]}" "-Dlosses4j.threads=$t" -cp "$jar" org.losses4j.bench.TensorApiTiming "$loss" "$sizes" 1 \
      > "$out/timing-$mode-t$t.md" 2> "$out/timing-$mode-t$t.err"
  done
done
uptime >> "$out/machine.txt" || true

python3 bench/report_tensor_api.py "$out" | tee "$out/table.md"

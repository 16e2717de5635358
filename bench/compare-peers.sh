#!/usr/bin/env bash
# losses4j against the JVM peers (DJL 0.36 on PyTorch 2.7.1, ND4J/DL4J 1.0.0-M2.1) in one JMH harness, with this
# machine's memory bandwidth (STREAM-style) beside them. Builds bench with -Ppeers (downloads ~230 MB of peer jars
# into the Maven cache the first time; afterwards it runs offline: pass -o through MVN_FLAGS=-o) and runs JMH from
# target/classes with the cache's classpath. DJL loads PyTorch from the pytorch-native-cpu jar on the classpath
# (-Dai.djl.offline=true forbids a download).
#
#   bench/compare-peers.sh                      # every size (1e3..1e7), 1 and 2 threads, training (250 epochs)
#   bench/compare-peers.sh --fast               # 1 fork, 1 warm-up and 3 measured iterations of 1 s
#   bench/compare-peers.sh --sizes=1000,100000,10000000 --threads=1 --epochs=5 --fast
#   bench/compare-peers.sh --no-training --losses=huber_loss,cross_entropy --sizes=10000000
#   bench/compare-peers.sh --no-training --methods='losses4j.*|.*Copy'   # only some benchmark methods
#   python3 bench/report_peers.py OLD_FOLDER NEW_FOLDER   # one table, NEW_FOLDER's figures replacing OLD_FOLDER's
#
# Prints Markdown tables of times and ratios; raw results stay in bench/results/peers-<timestamp>/.
# Needs: a JDK 17+, gcc with OpenMP, python3. JMH runs with -Djmh.ignoreLock=true: on a shared machine another
# user's JMH run holds /tmp/jmh.lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes="1000,10000,100000,1000000,10000000"
losses="l1_loss,mse_loss,huber_loss,binary_cross_entropy_with_logits,cross_entropy"
threads="1 2"
epochs=250
training=1
methods=".*"
jmh_opts=(-f 1 -wi 3 -i 5 -w 1 -r 1)
train_opts=(-f 1 -wi 1 -i 3)
for a in "$@"; do
  case "$a" in
    --fast) jmh_opts=(-f 1 -wi 1 -i 3 -w 1 -r 1); train_opts=(-f 1 -wi 1 -i 1) ;;
    --sizes=*) sizes="${a#*=}" ;;
    --losses=*) losses="${a#*=}" ;;
    --threads=*) threads="${a#*=}"; threads="${threads//,/ }" ;;
    --epochs=*) epochs="${a#*=}" ;;
    --methods=*) methods="${a#*=}" ;;
    --no-training) training=0 ;;
    *) echo "usage: $0 [--fast] [--sizes=N,N,...] [--losses=a,b,...] [--threads=1,2] [--epochs=N] [--methods=REGEX] [--no-training]" >&2; exit 2 ;;
  esac
done
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
out="bench/results/peers-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "results: $out" >&2

./mvnw -q ${MVN_FLAGS:-} -Ppeers -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/bench/target/peers.classpath"
cp="bench/target/classes:$(cat bench/target/peers.classpath)"
"$java" -version 2>&1 | head -1 > "$out/jdk.txt"
{ lscpu | grep -E 'Model name|^CPU\(s\)|L2|L3'; grep MemTotal /proc/meminfo; uptime; } > "$out/machine.txt" || true

echo "== STREAM-style bandwidth" >&2
gcc -O3 -march=native -fopenmp bench/stream/stream.c -o "$out/stream"
for t in $threads; do OMP_NUM_THREADS=$t "$out/stream" >> "$out/stream.jsonl"; done
rm -f "$out/stream"

for t in $threads; do
  echo "== losses, $t thread(s)" >&2
  # losses4j reads -Dlosses4j.threads; libtorch and libnd4j read OMP_NUM_THREADS (DJL also its own property).
  # -jvmArgsAppend on the command line replaces the @Fork annotation's, so the heap and offline flags are repeated.
  # -Xmx only, no -Xms: a heap sized up front is not cycled in a short fork, so every Java array a call allocates
  # (the tensor API's gradient, the copies' arrays) would land on pages never touched and pay their faults.
  OMP_NUM_THREADS=$t "$java" -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main "PeerLossBenchmark\.($methods)\$" "${jmh_opts[@]}" -p n="$sizes" -p loss="$losses" \
    -jvmArgsAppend "-Xmx4g -Dai.djl.offline=true -Dlosses4j.threads=$t -Dai.djl.pytorch.num_threads=$t -Dai.djl.pytorch.num_interop_threads=1" \
    -rf json -rff "$out/peers-t$t.json" > "$out/peers-t$t.log"
done

if [ "$training" = 1 ]; then
  echo "== training (Boston, $epochs epochs, batch 1, 1 thread)" >&2
  OMP_NUM_THREADS=1 "$java" -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main 'PeerTrainingBenchmark' "${train_opts[@]}" \
    -p epochs="$epochs" -jvmArgsAppend "-Xms1g -Xmx1g -Dai.djl.offline=true -Dlosses4j.threads=1 -Dai.djl.pytorch.num_threads=1" \
    -rf json -rff "$out/peers-training.json" > "$out/peers-training.log"
fi

python3 bench/report_peers.py "$out" | tee "$out/table.md"

#!/usr/bin/env bash
# losses4j against PyTorch (Debian's python3-torch) and this machine's memory bandwidth, side by side in one run.
#
#   bench/compare-pytorch.sh              # full run (about an hour)
#   bench/compare-pytorch.sh --quick      # fewer sizes and iterations, no training part, for a smoke test
#   bench/compare-pytorch.sh --fast       # every size and the training part, fewer JMH iterations (~25 minutes)
#   bench/compare-pytorch.sh --no-training  # kernels only (the PyTorch training run alone takes minutes)
#   bench/compare-pytorch.sh --fast --no-training --min-exp=8 --max-exp=8   # the element-wise losses at 1e8 only
#                                           # (~4 GB of memory; cross-entropy runs only when --min-exp is 3)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/compare-pytorch.sh   # another JDK
#
# losses4j runs twice: as a JVM starts by default (plain loops) and with --add-modules jdk.incubator.vector
# (the Vector API kernels, org.losses4j.kernel.Simd). Prints Markdown tables of throughputs and ratios; raw results stay in bench/results/<timestamp>/.
# Needs: a JDK 17+, gcc with OpenMP, and /usr/bin/python3 with torch (apt-get install -y python3-torch).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
quick=0
fast=0
training=1
min_exp=3
max_exp=7
for a in "$@"; do
  case "$a" in
    --quick) quick=1; training=0 ;;
    --fast) fast=1 ;;
    --no-training) training=0 ;;
    --min-exp=*) min_exp="${a#*=}" ;;
    --max-exp=*) max_exp="${a#*=}" ;;
    *) echo "usage: $0 [--quick|--fast] [--no-training] [--min-exp=N] [--max-exp=N]" >&2; exit 2 ;;
  esac
done
for v in "$min_exp" "$max_exp"; do
  case "$v" in
    3|4|5|6|7|8) ;;
    *) echo "$0: --min-exp and --max-exp must be whole numbers from 3 to 8, got '$v'" >&2; exit 2 ;;
  esac
done
if [ "$min_exp" -gt "$max_exp" ]; then
  echo "$0: --min-exp must be <= --max-exp, got $min_exp > $max_exp" >&2; exit 2
fi
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
py=/usr/bin/python3
"$py" -c 'import torch' 2>/dev/null || { echo "$0: $py cannot import torch (apt-get install -y python3-torch)" >&2; exit 1; }
out="bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "results: $out" >&2

./mvnw -q -DskipTests package
"$java" -version 2>&1 | head -1 > "$out/jdk.txt"
{ lscpu | grep -E 'Model name|^CPU\(s\)|L2|L3'; grep MemTotal /proc/meminfo; } > "$out/machine.txt" || true

echo "== STREAM-style bandwidth" >&2
gcc -O3 -march=native -fopenmp bench/stream/stream.c -o "$out/stream"
for t in 1 2; do OMP_NUM_THREADS=$t "$out/stream" >> "$out/stream.jsonl"; done
rm -f "$out/stream"

sizes=""
for ((e = min_exp; e <= max_exp; e++)); do sizes="${sizes:+$sizes,}1$(printf '%0*d' "$e" 0)"; done
jmh_opts=(-f 2 -wi 5 -i 10 -w 1 -r 1)
if [ "$fast" = 1 ]; then jmh_opts=(-f 1 -wi 2 -i 3 -w 1 -r 1); fi
if [ "$quick" = 1 ]; then sizes="1000,100000,10000000"; jmh_opts=(-f 1 -wi 3 -i 5 -w 1 -r 1); min_exp=3; max_exp=7; fi
# cross-entropy's two shapes do not depend on the sizes: measured in a run that starts at 1e3
ce=(); jmh_pattern='KernelBenchmark'
if [ "$min_exp" = 3 ]; then ce=(--ce); jmh_pattern='KernelBenchmark|CrossEntropyBenchmark'; fi

echo "== PyTorch" >&2
for t in 1 2; do
  "$py" bench/pytorch/bench_losses.py --threads "$t" --min-exp "$min_exp" --max-exp "$max_exp" "${ce[@]}" \
    >> "$out/pytorch.jsonl"
done

echo "== losses4j (JMH): plain loops, then the Vector API kernels (--add-modules jdk.incubator.vector)" >&2
for t in 1 2; do
  "$java" -jar bench/target/benchmarks.jar "$jmh_pattern" "${jmh_opts[@]}" \
    -p n="$sizes" -jvmArgsAppend "-Dlosses4j.threads=$t" -rf json -rff "$out/jmh-t$t.json" > "$out/jmh-t$t.log"
done
for t in 1 2; do
  "$java" -jar bench/target/benchmarks.jar "$jmh_pattern" "${jmh_opts[@]}" \
    -p n="$sizes" -jvmArgsAppend "-Dlosses4j.threads=$t --add-modules=jdk.incubator.vector" \
    -rf json -rff "$out/jmh-vector-t$t.json" > "$out/jmh-vector-t$t.log"
done

if [ "$training" = 1 ]; then
  echo "== training (Boston, 250 epochs)" >&2
  "$py" bench/pytorch/bench_training.py --threads 1 --batch-sizes 1,32 --repeats 1 > "$out/pytorch-training.jsonl"
  "$java" -jar bench/target/benchmarks.jar TrainingBenchmark -rf json -rff "$out/jmh-training.json" \
    > "$out/jmh-training.log"
fi

"$py" bench/report.py "$out" | tee "$out/table.md"

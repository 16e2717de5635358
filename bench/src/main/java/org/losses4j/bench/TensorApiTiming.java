package org.losses4j.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.losses4j.kernel.Parallel;
import org.losses4j.kernel.Simd;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.tensor.Tensor;

/**
 * {@link TensorApiBenchmark}'s paths timed call by call in a plain JVM, outside JMH's fork: what a program that calls
 * the library sees on {@code java -cp} with no flags, or with those of the {@code losses4j} launcher
 * ({@code --add-modules jdk.incubator.vector}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.losses4j.bench.TensorApiTiming [loss] [sizes] [seconds per path and size] [paths]
 * java -cp bench/target/benchmarks.jar org.losses4j.bench.TensorApiTiming huber_loss 10000,100000,1000000 1
 * java -cp bench/target/benchmarks.jar org.losses4j.bench.TensorApiTiming huber_loss 100000 2 tensor,tensorInto
 * </pre>
 *
 * <p>After a warm-up, the paths take turns in rounds of about 10 ms each (so that a disturbance of a shared machine
 * falls on all of them alike), each call timed alone. Prints one line per size and path: the median, the 10th, 90th
 * and 99th percentiles and the worst call, in µs, the spread (p99 / median), the median against the buffer path's,
 * and what happened during that path's turns: the process's minor page faults per call (Linux) and the GCs with
 * their pause time. Paths: {@code buffer}, {@code bufferFreshArray}, {@code tensor}, {@code tensorInto} (as in
 * {@link TensorApiBenchmark}); all by default.
 */
public final class TensorApiTiming {
    private static final String[] PATHS = {"buffer", "bufferFreshArray", "tensor", "tensorInto"};

    private TensorApiTiming() {
    }

    public static void main(String[] args) {
        String loss = args.length > 0 ? args[0] : "huber_loss";
        String sizes = args.length > 1 ? args[1] : "1000,10000,100000,1000000,10000000";
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        List<String> paths = List.of(args.length > 3 ? args[3].split(",") : PATHS);
        InputTargetLoss fn = LossRegistry.standard().createInputTarget(loss, Map.of(), null);
        System.out.printf(Locale.ROOT, "# %s, %s, %d thread(s), %s, max heap %d MB%n", loss, Simd.describe(),
                Parallel.threads(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| loss | n | threads | path | median µs | p10 | p90 | p99 | max | p99 / median "
                + "| median / buffer's | minor page faults per call | GCs (pause time) |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String s : sizes.split(",")) {
            run(fn, loss, Integer.parseInt(s.trim()), seconds, paths);
        }
    }

    private static void run(InputTargetLoss fn, String loss, int n, double seconds, List<String> paths) {
        float[][] data = BenchData.inputsAndTargets(loss, n);
        float[] x = data[0];
        float[] y = data[1];
        Tensor input = Tensor.wrap(x, n);
        Tensor target = Tensor.wrap(y, n);
        float[] buffer = new float[n];
        Tensor into = Tensor.zeros(n);
        Runnable[] all = {
            () -> fn.valueAndGradInput(x, y, buffer, n),
            () -> {
                float[] g = new float[n];
                fn.valueAndGradInput(x, y, g, n);
                sink(g);
            },
            () -> sink(fn.valueAndGradInput(input, target)),
            () -> sink(fn.valueAndGradInput(input, target, into)),
        };
        String[] names = paths.toArray(new String[0]);
        Runnable[] calls = new Runnable[names.length];
        for (int p = 0; p < names.length; p++) {
            int k = Arrays.asList(PATHS).indexOf(names[p]);
            if (k < 0) {
                throw new IllegalArgumentException("path must be one of " + Arrays.toString(PATHS) + ", got "
                        + names[p]);
            }
            calls[p] = all[k];
        }
        // Warm-up: each path for a third of the measuring time (C2 compiles within the first few thousand calls).
        for (Runnable c : calls) {
            long end = System.nanoTime() + (long) (seconds / 3 * 1e9);
            while (System.nanoTime() < end) {
                c.run();
            }
        }
        long perCall = Long.MAX_VALUE; // of the first path: the turns are sized by it
        for (int k = 0; k < 5; k++) {
            perCall = Math.min(perCall, Math.max(1, time(calls[0])));
        }
        int batch = (int) Math.max(1, 10_000_000L / perCall); // calls per turn: about 10 ms
        int turns = (int) Math.max(5, seconds * 1e9 / ((double) batch * perCall));
        long[][] t = new long[calls.length][turns * batch];
        long[] faults = new long[calls.length];
        long[] gcs = new long[calls.length];
        long[] gcMillis = new long[calls.length];
        for (int turn = 0; turn < turns; turn++) {
            for (int p = 0; p < calls.length; p++) {
                long f0 = minorFaults();
                long c0 = gcCount();
                long m0 = gcMillis();
                for (int k = 0; k < batch; k++) {
                    t[p][turn * batch + k] = time(calls[p]);
                }
                faults[p] += minorFaults() - f0;
                gcs[p] += gcCount() - c0;
                gcMillis[p] += gcMillis() - m0;
            }
        }
        double bufferMedian = Double.NaN;
        for (int p = 0; p < calls.length; p++) {
            long[] v = t[p];
            Arrays.sort(v);
            double median = at(v, 0.5);
            if (names[p].equals("buffer")) {
                bufferMedian = median;
            }
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %d (%d ms) |%n",
                    loss, n, Parallel.threads(), names[p], median / 1e3, at(v, 0.1) / 1e3, at(v, 0.9) / 1e3,
                    at(v, 0.99) / 1e3, v[v.length - 1] / 1e3, at(v, 0.99) / median, median / bufferMedian,
                    (double) faults[p] / v.length, gcs[p], gcMillis[p]);
        }
    }

    /** The process's minor page faults so far (Linux: field 10 of /proc/self/stat), or -1 where unknown. */
    private static long minorFaults() {
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc/self/stat")), StandardCharsets.US_ASCII);
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]); // field 10 of the whole line
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long gcCount() {
        long c = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, b.getCollectionCount());
        }
        return c;
    }

    private static long gcMillis() {
        long c = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, b.getCollectionTime());
        }
        return c;
    }

    private static long time(Runnable c) {
        long t0 = System.nanoTime();
        c.run();
        return System.nanoTime() - t0;
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    /** Keeps a result reachable, so that the JIT cannot drop the call or its allocation. */
    private static volatile Object last;

    private static void sink(Object o) {
        last = o;
    }
}

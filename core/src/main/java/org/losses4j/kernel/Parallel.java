package org.losses4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic parallel loops for the kernels.
 *
 * <p>Work is cut into fixed blocks of {@link #BLOCK} elements. Each block's partial sum is accumulated in double,
 * and the block sums are added in block order, so a result never depends on how many threads ran: one thread, or
 * both cores of this machine, give bit-identical sums. Inputs smaller than {@link #parallelThreshold()} run on the
 * calling thread (the hand-off to another core costs more than it saves there).
 *
 * <p>The number of threads is {@code Runtime.availableProcessors()}, or the system property
 * {@code losses4j.threads}. The threshold can be set with {@code losses4j.parallelThreshold}.
 */
public final class Parallel {
    /** Elements per block: the unit whose partial sum is combined in a fixed order. */
    public static final int BLOCK = 1 << 14;

    private static final int THREADS = Math.max(1, Integer.getInteger("losses4j.threads",
            Runtime.getRuntime().availableProcessors()));
    /**
     * Two blocks: measured on the 2-core machine of docs/BENCHMARKS.md, splitting 1e5 elements over both cores
     * takes Huber's value + gradient from 142 to 90 µs; the hand-off costs a few µs, so anything of two blocks or
     * more gains.
     */
    private static final int THRESHOLD = Math.max(BLOCK, Integer.getInteger("losses4j.parallelThreshold", 2 * BLOCK));
    private static volatile ExecutorService pool;
    /** How long the calling thread spins for the other threads' parts before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private Parallel() {
    }

    /** A body that evaluates elements {@code [from, to)} and returns their sum. */
    @FunctionalInterface
    public interface RangeSum {
        double apply(int from, int to);
    }

    /** A body that processes items {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void apply(int from, int to);
    }

    /** The number of threads kernels use. */
    public static int threads() {
        return THREADS;
    }

    /** Inputs with fewer elements than this run on the calling thread. */
    public static int parallelThreshold() {
        return THRESHOLD;
    }

    /**
     * Σ over {@code [0, n)} of {@code body}, block by block. The result is identical whatever the thread count.
     */
    public static double sum(int n, RangeSum body) {
        return sum(n, THREADS, body);
    }

    /** {@link #sum(int, RangeSum)} with an explicit thread count (tests use it to prove thread-independence). */
    public static double sum(int n, int threads, RangeSum body) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (threads <= 1 || n < THRESHOLD || blocks < 2) {
            double s = 0;
            for (int b = 0; b < blocks; b++) {
                s += body.apply(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
            }
            return s;
        }
        double[] partial = new double[blocks];
        run(blocks, threads, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                partial[b] = body.apply(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
            }
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /**
     * Runs {@code body} over {@code [0, items)} split into contiguous ranges, in parallel when
     * {@code items * costPerItem} reaches the threshold. Use it for loops without a reduction, or whose reduction
     * is per item (a row of cross-entropy, say) and combined by the caller in a fixed order.
     */
    public static void forRange(int items, long costPerItem, Range body) {
        if (THREADS <= 1 || items < 2 || (long) items * costPerItem < THRESHOLD) {
            body.apply(0, items);
            return;
        }
        run(items, THREADS, body);
    }

    /** Splits {@code [0, items)} into {@code threads} contiguous ranges; the caller runs the first one. */
    private static void run(int items, int threads, Range body) {
        int t = Math.min(threads, items);
        List<Future<?>> futures = new ArrayList<>(t - 1);
        ExecutorService p = pool();
        for (int k = 1; k < t; k++) {
            int from = (int) ((long) items * k / t);
            int to = (int) ((long) items * (k + 1) / t);
            futures.add(p.submit(() -> body.apply(from, to)));
        }
        RuntimeException first = null;
        try {
            body.apply(0, (int) ((long) items / t));
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : futures) {
            // The other core usually finishes within microseconds of this one: spin briefly before parking, so
            // that a kernel of a few blocks does not pay a thread wake-up (tens of µs on a VM) on top of its work.
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (!f.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (first == null) {
                    first = c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger id = new AtomicInteger();
                    p = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
                        Thread th = new Thread(r, "losses4j-kernel-" + id.incrementAndGet());
                        th.setDaemon(true);
                        return th;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}

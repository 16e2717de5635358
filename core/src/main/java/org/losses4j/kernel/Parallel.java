package org.losses4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

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
 *
 * <p>Hand-offs are made cheap the way OpenMP runtimes make them cheap: the calling thread spins for the other
 * threads' parts before it parks, and a worker that has finished spins for its next part before it parks (both
 * for {@code losses4j.spinMicros}, default 200 µs). A wake-up from park costs tens of µs on a VM, as much as a
 * kernel of 1e5 elements takes; a worker that is still spinning when the next kernel comes starts at once. The cost
 * is a core kept busy for up to that long after the last parallel kernel; {@code -Dlosses4j.spinMicros=0} turns
 * spinning off.
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
    /** How long the calling thread spins for the other threads' parts, and a worker for its next part. */
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("losses4j.spinMicros", 200));
    /** Parts waiting for a worker; the workers are started with the first parallel kernel. */
    private static final LinkedBlockingQueue<Runnable> QUEUE = new LinkedBlockingQueue<>();
    private static volatile boolean started;

    private Parallel() {
    }

    /** A body that evaluates elements {@code [from, to)} and returns their sum. */
    @FunctionalInterface
    public interface RangeSum {
        /**
         * Evaluates a range.
         *
         * @param from the first index (inclusive)
         * @param to   the end index (exclusive)
         * @return the sum of the range's values
         */
        double apply(int from, int to);
    }

    /** A body that processes items {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /**
         * Processes a range.
         *
         * @param from the first index (inclusive)
         * @param to   the end index (exclusive)
         */
        void apply(int from, int to);
    }

    /**
     * The number of threads kernels use.
     *
     * @return the thread count: the system property {@code losses4j.threads}, else the available processors; at least 1
     */
    public static int threads() {
        return THREADS;
    }

    /**
     * Inputs with fewer elements than this run on the calling thread.
     *
     * @return the element count below which a kernel runs on the calling thread: {@code losses4j.parallelThreshold},
     *         else two blocks, and never less than one {@link #BLOCK}
     */
    public static int parallelThreshold() {
        return THRESHOLD;
    }

    /**
     * Σ over {@code [0, n)} of {@code body}, block by block. The result is identical whatever the thread count.
     *
     * @param n the number of elements, ≥ 0
     * @param body the sum over a range of elements, called once per block of {@link #BLOCK} (perhaps on another thread)
     * @return the sum of the blocks' sums, added in block order; 0 for n = 0
     */
    public static double sum(int n, RangeSum body) {
        return sum(n, THREADS, body);
    }

    /**
     * {@link #sum(int, RangeSum)} with an explicit thread count (tests use it to prove thread-independence).
     *
     * @param n the number of elements, ≥ 0
     * @param threads the number of threads to use; 1 or less runs every block on the calling thread
     * @param body the sum over a range of elements, called once per block of {@link #BLOCK}
     * @return the same double as {@link #sum(int, RangeSum)}, whatever {@code threads} is
     */
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
     * Whether {@link #forRange} splits this work across threads (otherwise it runs on the calling thread).
     *
     * @param items the number of items, ≥ 0
     * @param costPerItem the cost of one item in element-operation units
     * @return true when there are several threads, at least two items and items·costPerItem reaches
     *         {@link #parallelThreshold()}
     */
    public static boolean splits(int items, long costPerItem) {
        return THREADS > 1 && items >= 2 && (long) items * costPerItem >= THRESHOLD;
    }

    /**
     * Runs {@code body} over {@code [0, items)} split into contiguous ranges, in parallel when
     * {@code items * costPerItem} reaches the threshold. Use it for loops without a reduction, or whose reduction
     * is per item (a row of cross-entropy, say) and combined by the caller in a fixed order.
     *
     * @param items the number of items, ≥ 0
     * @param costPerItem the cost of one item in element-operation units
     * @param body the work over a range of items {@code [from, to)}; called once per contiguous range, perhaps on
     *             several threads at once, so it must write only to its own items
     */
    public static void forRange(int items, long costPerItem, Range body) {
        if (!splits(items, costPerItem)) {
            body.apply(0, items);
            return;
        }
        run(items, THREADS, body);
    }

    /** Splits {@code [0, items)} into {@code threads} contiguous ranges; the caller runs the first one. */
    private static void run(int items, int threads, Range body) {
        int t = Math.min(threads, items);
        List<FutureTask<Void>> futures = new ArrayList<>(t - 1);
        startWorkers();
        for (int k = 1; k < t; k++) {
            int from = (int) ((long) items * k / t);
            int to = (int) ((long) items * (k + 1) / t);
            FutureTask<Void> f = new FutureTask<>(() -> body.apply(from, to), null);
            futures.add(f);
            QUEUE.add(f);
        }
        RuntimeException first = null;
        try {
            body.apply(0, (int) ((long) items / t));
        } catch (RuntimeException e) {
            first = e;
        }
        for (FutureTask<Void> f : futures) {
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

    /**
     * Starts the worker threads (daemons, {@code losses4j-kernel-1} …, one fewer than {@link #threads()}, at least
     * one) once. With more parts than workers (several callers at once, or an explicit thread count), parts queue
     * up and all run; a caller never runs another caller's part.
     */
    private static void startWorkers() {
        if (started) {
            return;
        }
        synchronized (Parallel.class) {
            if (started) {
                return;
            }
            // At least one, also with losses4j.threads=1: tests ask for explicit thread counts.
            for (int k = 1; k <= Math.max(1, THREADS - 1); k++) {
                Thread th = new Thread(Parallel::work, "losses4j-kernel-" + k);
                th.setDaemon(true);
                th.start();
            }
            started = true;
        }
    }

    /** A worker: runs queued parts, spinning for the next one before it parks. */
    private static void work() {
        for (;;) {
            Runnable r = QUEUE.poll();
            if (r == null && SPIN_NANOS > 0) {
                long deadline = System.nanoTime() + SPIN_NANOS;
                while ((r = QUEUE.poll()) == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            if (r == null) {
                try {
                    r = QUEUE.take();
                } catch (InterruptedException e) {
                    continue; // nothing interrupts these threads on purpose; keep serving
                }
            }
            r.run(); // a FutureTask: it keeps the part's exception for the caller
        }
    }
}

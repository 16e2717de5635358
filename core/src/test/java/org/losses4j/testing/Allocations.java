package org.losses4j.testing;

import java.lang.management.ManagementFactory;

import org.losses4j.kernel.Simd;

/**
 * Counts the bytes the current thread allocates (HotSpot's {@code com.sun.management.ThreadMXBean}), for tests that
 * a hot path allocates nothing once it is compiled.
 */
public final class Allocations {
    private Allocations() {
    }

    /**
     * Whether an allocation count means something here: the JVM can count a thread's allocations, and the plain
     * loops run. The Vector API kernels allocate their vectors until C2 has inlined and intrinsified them, which in
     * a test JVM that has run thousands of other tests first is not guaranteed in any number of calls; their
     * steady state is checked with JMH's {@code -prof gc} instead (docs/BENCHMARKS.md).
     */
    public static boolean meaningful() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
                && !Simd.enabled();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The fewest bytes that {@code calls} runs of {@code body} allocated in one of up to {@code rounds} rounds (it
     * stops at the first round that allocates nothing), less what reading the counter allocates. Until the JIT has
     * compiled a path (the Vector API kernels box their vectors before), a call may allocate; once it has, an
     * allocation-free path gives 0, and a path that allocates one object per call at least 16 × {@code calls}.
     */
    public static long leastPerRound(Runnable body, int rounds, int calls) {
        long baseline = Long.MAX_VALUE;
        for (int k = 0; k < 10; k++) {
            long before = allocated();
            baseline = Math.min(baseline, allocated() - before);
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds && least > 0; round++) {
            long before = allocated();
            for (int k = 0; k < calls; k++) {
                body.run();
            }
            least = Math.min(least, allocated() - before - baseline);
        }
        return least;
    }
}

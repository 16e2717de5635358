package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What a caller of a parallel kernel sees when something goes wrong on another thread: an {@link Error} in a worker's
 * part, both the caller's own part and a worker's failing, and the calling thread interrupted while it waits. The
 * normal case (a worker's {@link RuntimeException} rethrown as it is) is {@link ParallelTest}'s.
 */
class ParallelFailureTest {
    /** Two blocks on two threads: the caller runs block 0, a worker block 1. */
    private static final int N = 2 * Parallel.BLOCK;

    @Test
    void anErrorInAWorkerReachesTheCallerWrappedWithItAsTheCause() {
        AssertionError error = new AssertionError("worker failed");
        assertThatThrownBy(() -> Parallel.sum(N, 2, (from, to) -> {
            if (from != 0) {
                throw error;
            }
            return 1;
        })).isInstanceOf(IllegalStateException.class).hasCause(error);
    }

    @Test
    void whenTheCallersPartAndAWorkersPartBothFailTheCallersExceptionIsThrown() {
        assertThatThrownBy(() -> Parallel.sum(N, 2, (from, to) -> {
            throw new IllegalArgumentException(from == 0 ? "caller's part" : "worker's part");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("caller's part");
    }

    @Test
    void anInterruptedCallerGetsAOneLineErrorAndKeepsItsInterruptStatus() throws InterruptedException {
        // The worker's part waits until the caller has given up, so the caller is certainly still waiting for it
        // when it notices the interrupt (and the worker is not left busy afterwards).
        CountDownLatch callerDone = new CountDownLatch(1);
        CountDownLatch workerDone = new CountDownLatch(1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Parallel.sum(N, 2, (from, to) -> {
                if (from != 0) {
                    try {
                        callerDone.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        workerDone.countDown();
                    }
                }
                return 0;
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while waiting for a kernel thread")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test
            callerDone.countDown();
        }
        assertThat(workerDone.await(30, TimeUnit.SECONDS)).as("the worker's part finished").isTrue();
    }
}

package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;

/** A training step allocates nothing: the bytes allocated per extra epoch do not grow with the steps per epoch. */
class AllocationTest {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long bytesForEpochs(Dataset train, int epochs, int batchSize) {
        Sequential m = new Sequential(13, 42);
        m.add(new Dense(16, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("huber_loss", Map.of("delta", 1.5), null), new Adam(), "mae");
        long before = allocated();
        m.fit(train, new FitOptions(epochs, batchSize, 0.2, true, 42));
        return allocated() - before;
    }

    @Test
    void stepsAllocateNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Dataset train = BostonHousing.load().train();
        for (int batchSize : new int[] {1, 32}) {
            for (int warm = 0; warm < 3; warm++) {
                bytesForEpochs(train, 5, batchSize);
            }
            long few = bytesForEpochs(train, 5, batchSize);
            long many = bytesForEpochs(train, 45, batchSize);
            long perEpoch = (many - few) / 40;
            int steps = (323 + batchSize - 1) / batchSize;
            // the History, the epoch's logs and the validation buffers: a few hundred bytes per epoch, whatever
            // the number of steps; one object per step would add at least 16 bytes x steps
            assertThat(perEpoch).as("bytes per epoch at batch size %d (%d steps)", batchSize, steps)
                    .isLessThan(2048);
        }
    }
}

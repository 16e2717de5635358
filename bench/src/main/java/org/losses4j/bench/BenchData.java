package org.losses4j.bench;

import java.util.Random;

/** The inputs every element-wise benchmark uses, so that their figures are measured on the same data. */
final class BenchData {
    private BenchData() {
    }

    /**
     * Inputs and targets of {@code n} elements from a fixed seed: inputs N(0, 2²); targets N(0, 2²), or uniform in
     * [0, 1) for the binary cross-entropies, whose targets are probabilities.
     *
     * @param loss the loss's registry name
     * @param n the number of elements
     * @return {@code {inputs, targets}}
     */
    static float[][] inputsAndTargets(String loss, int n) {
        Random r = new Random(42);
        float[] x = new float[n];
        float[] y = new float[n];
        boolean unitTargets = loss.startsWith("binary_cross_entropy");
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            y[i] = unitTargets ? r.nextFloat() : (float) (r.nextGaussian() * 2);
        }
        return new float[][] {x, y};
    }
}

package org.losses4j.nn.optim;

import java.util.List;
import java.util.Map;

import org.losses4j.nn.Parameter;

/**
 * Updates a model's parameters from their gradients, with Keras's formulas. The model calls
 * {@link #prepare(List)} once (the optimiser allocates its state there) and {@link #step()} after each batch; a step
 * allocates nothing.
 */
public interface Optimizer {
    /**
     * Keras's name: {@code adam}, {@code sgd}.
     *
     * @return Keras's name: {@code adam}, {@code sgd}
     */
    String name();

    /**
     * The learning rate.
     *
     * @return the step size the weights move by per unit of gradient (scaled further by Adam's moments), &gt; 0
     */
    double learningRate();

    /**
     * The configuration (name to value), as a report shows it and a saved model records it.
     *
     * @return the configuration (name to value), as a report shows it and a saved model records it
     */
    Map<String, Object> config();

    /**
     * Binds the parameters to update and allocates the state (zero moments, iteration 0).
     *
     * @param parameters the parameters this optimiser will update, in order
     */
    void prepare(List<Parameter> parameters);

    /** Applies one update from the parameters' current gradients and advances the iteration count. */
    void step();

    /**
     * Number of steps applied since {@link #prepare(List)}.
     *
     * @return number of steps applied since {@link #prepare(List)}
     */
    long iterations();
}

package org.losses4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.losses4j.loss.Loss;
import org.losses4j.metrics.Metric;
import org.losses4j.metrics.Metrics;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Optimizer;
import org.losses4j.nn.random.NumpyRandomState;

/**
 * A stack of {@link Dense} layers trained with Keras's semantics, Keras's {@code Sequential}:
 *
 * <pre>{@code
 * Sequential model = new Sequential(13, 42);                       // 13 input features, initialisation seed
 * model.add(new Dense(16, Activation.RELU, Initializer.HE_UNIFORM));
 * model.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
 * model.add(new Dense(1, Activation.LINEAR));
 * model.compile(new HuberLoss(1.5), new Adam(), "mae");
 * History h = model.fit(train, new FitOptions(250, 1, 0.2, true, 42));
 * Map<String, Double> test = model.evaluate(test, 32);            // {loss=..., mae=...}
 * }</pre>
 *
 * <p>Training ({@link #fit}):
 * <ul>
 *   <li>{@code validationSplit} v holds out the <b>last</b> n − ⌊n·(1 − v)⌋ samples, before any shuffling;</li>
 *   <li>the training samples are reshuffled every epoch (numpy's legacy {@code RandomState(seed).shuffle} of
 *       0..n−1, a fresh permutation per epoch from one stream); the last batch may be smaller;</li>
 *   <li>each batch: forward, the loss of the (batch, outputs) prediction against the (batch, outputs) targets
 *       (never broadcast), backpropagation, one optimiser step; the loss and metrics of a batch use the
 *       predictions made before its update, as Keras;</li>
 *   <li>the epoch's {@code loss} is the batch losses' mean weighted by batch size; validation at epoch end.</li>
 * </ul>
 * A non-finite batch loss stops training with {@link TrainingStoppedException}. The same seeds give bit-identical
 * weights and history: every computation is sequential, in a fixed order.
 *
 * <p>Performance: every buffer is allocated before the first batch; a step with an element-wise loss allocates
 * nothing.
 */
public final class Sequential {
    private final int inputDim;
    private final long seed;
    private final NumpyRandomState initRng;
    private final List<Dense> layers = new ArrayList<>();
    /** The layers as an array for the training loop (no iterator per step). */
    private Dense[] stack = new Dense[0];
    /** Batch buffers of evaluation and validation, kept between epochs. */
    private float[] evalX = new float[0];
    private float[] evalY = new float[0];

    private LossStep lossStep;
    private Optimizer optimizer;
    private List<String> metricNames = List.of();
    private Metric[] trainMetrics = new Metric[0];
    private Metric[] evalMetrics = new Metric[0];
    private volatile boolean stopRequested;

    /**
     * @param inputDim number of input features
     * @param seed     seed of the kernel initialisers (numpy's legacy generator), in [0, 2<sup>32</sup> − 1]
     */
    public Sequential(int inputDim, long seed) {
        if (inputDim <= 0) {
            throw new IllegalArgumentException("the input size must be > 0, got " + inputDim);
        }
        this.inputDim = inputDim;
        this.seed = seed;
        this.initRng = new NumpyRandomState(seed);
    }

    /**
     * The regression MLP of the Keras Huber tutorial, for any input width: one {@link Dense} ReLU layer (He uniform
     * kernel) per entry of {@code hidden}, then a single linear output unit (Glorot uniform), not compiled. With
     * {@code hidden} {16, 8} and 13 inputs it is the tutorial's 13→16→8→1; with no hidden layer it is linear
     * regression.
     *
     * @param inputs number of input features
     * @param seed   seed of the kernel initialisers, as {@link #Sequential(int, long)}
     * @param hidden the widths of the hidden layers, each &gt; 0
     * @return the model, its weights initialised from {@code seed}
     * @throws IllegalArgumentException when a width is not &gt; 0
     */
    public static Sequential mlp(int inputs, long seed, int... hidden) {
        Sequential m = new Sequential(inputs, seed);
        for (int h : hidden) {
            m.add(new Dense(h, Activation.RELU, Initializer.HE_UNIFORM));
        }
        m.add(new Dense(1, Activation.LINEAR));
        return m;
    }

    /**
     * Adds a layer and initialises its weights (drawn in the order the layers are added).
     *
     * @param layer the layer, built with this model's seed
     * @return this Sequential, for chaining
     */
    public Sequential add(Dense layer) {
        Objects.requireNonNull(layer, "layer");
        int in = layers.isEmpty() ? inputDim : layers.get(layers.size() - 1).units();
        layer.build("dense_" + layers.size(), in, initRng);
        layers.add(layer);
        stack = layers.toArray(new Dense[0]);
        return this;
    }

    /**
     * Number of input features.
     *
     * @return number of input features
     */
    public int inputDim() {
        return inputDim;
    }

    /**
     * The initialisation seed.
     *
     * @return the initialisation seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Output size (the last layer's units).
     *
     * @return output size (the last layer's units)
     */
    public int outputDim() {
        requireLayers();
        return layers.get(layers.size() - 1).units();
    }

    /**
     * The layers, in order.
     *
     * @return the layers, in order
     */
    public List<Dense> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Every parameter: each layer's kernel then bias.
     *
     * @return every parameter: each layer's kernel then bias
     */
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        for (Dense d : layers) {
            p.addAll(d.parameters());
        }
        return p;
    }

    /**
     * Number of trainable values.
     *
     * @return number of trainable values
     */
    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /**
     * Configures training: any loss of core whose inputs are {@code input} and {@code target}, reduced (mean or
     * sum); an optimiser; metric names ({@code mae}, {@code mse}, {@code rmse} and Keras's long names).
     *
     * @param loss a loss of {@code input} and {@code target} (an {@link org.losses4j.loss.InputTargetLoss}) with
     *             reduction {@code mean} or {@code sum}, minimised over the model's outputs against the targets
     * @param optimizer the optimiser that updates the weights (it is prepared for this model's parameters here)
     * @param metrics the metric names
     * @throws IllegalArgumentException for a loss that is not of (input, target), reduction none, or an unknown
     *                                  metric
     */
    public void compile(Loss loss, Optimizer optimizer, List<String> metrics) {
        requireLayers();
        this.lossStep = new LossStep(Objects.requireNonNull(loss, "loss"));
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<String> names = new ArrayList<>();
        Metric[] tm = new Metric[metrics.size()];
        Metric[] em = new Metric[metrics.size()];
        for (int i = 0; i < tm.length; i++) {
            tm[i] = Metrics.create(metrics.get(i));
            em[i] = tm[i].fresh();
            if (names.contains(tm[i].name()) || tm[i].name().equals("loss")) {
                throw new IllegalArgumentException("metric '" + tm[i].name() + "' given twice");
            }
            names.add(tm[i].name());
        }
        this.metricNames = List.copyOf(names);
        this.trainMetrics = tm;
        this.evalMetrics = em;
        optimizer.prepare(parameters());
    }

    /**
     * {@link #compile(Loss, Optimizer, List)} with metric names as arguments.
     *
     * @param loss a loss of {@code input} and {@code target} with reduction {@code mean} or {@code sum}
     * @param optimizer the optimiser that updates the weights
     * @param metrics the metric names
     */
    public void compile(Loss loss, Optimizer optimizer, String... metrics) {
        compile(loss, optimizer, List.of(metrics));
    }

    /**
     * The compiled loss (null before {@link #compile}).
     *
     * @return the compiled loss (null before {@link #compile})
     */
    public Loss loss() {
        return lossStep == null ? null : lossStep.loss();
    }

    /**
     * The compiled optimiser (null before {@link #compile}).
     *
     * @return the compiled optimiser (null before {@link #compile})
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The compiled metric names.
     *
     * @return the compiled metric names
     */
    public List<String> metricNames() {
        return metricNames;
    }

    /** Asks a running {@link #fit} to stop after the current batch (as Keras's {@code model.stop_training}). */
    public void stopTraining() {
        stopRequested = true;
    }

    private void requireLayers() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layers");
        }
    }

    private void requireCompiled() {
        if (lossStep == null) {
            throw new IllegalStateException("compile the model (loss, optimizer, metrics) before fit or evaluate");
        }
    }

    private void checkData(Dataset data) {
        if (data.features() != inputDim) {
            throw new IllegalArgumentException("the model takes " + inputDim + " features, the data has "
                    + data.features() + " " + data.featureNames());
        }
        if (data.targets() != outputDim()) {
            throw new IllegalArgumentException("the model's output (N, " + outputDim() + ") does not match the "
                    + "targets (N, " + data.targets() + "); losses4j does not broadcast them");
        }
        if (lossStep != null && !lossStep.dependsOnOutput(outputDim())) {
            Loss l = lossStep.loss();
            throw new IllegalArgumentException(l.name() + " cannot train this model: on its output (N, " + outputDim()
                    + ") against targets (N, " + data.targets() + ") the loss does not depend on the prediction"
                    + (outputDim() == 1 ? " (one output unit is one class; a class loss needs one unit per class)"
                            : ""));
        }
    }

    private void ensureCapacity(int rows) {
        for (Dense d : layers) {
            d.ensureCapacity(rows);
        }
    }

    private float[] forward(float[] x, int rows) {
        final Dense[] ds = stack;
        float[] a = x;
        for (int k = 0; k < ds.length; k++) {
            a = ds[k].forward(a, rows);
        }
        return a;
    }

    private void backward(float[] x, int rows) {
        final Dense[] ds = stack;
        for (int k = ds.length - 1; k >= 0; k--) {
            Dense d = ds[k];
            float[] in = k == 0 ? x : ds[k - 1].output();
            float[] gIn = d.backward(in, rows, k > 0);
            if (k > 0) {
                System.arraycopy(gIn, 0, ds[k - 1].outputGrad(), 0, rows * d.inputs());
            }
        }
    }

    /**
     * Trains the model.
     *
     * @param data the samples: as many features as the model's input and as many targets as its output; the last
     *             {@code validationSplit} of them (before any shuffling) are held out for validation
     * @param options the fit options
     * @param callbacks called before and after each epoch and batch
     * @return the per-epoch history
     * @throws IllegalArgumentException  when the data does not fit the model, or the validation split leaves no
     *                                   training or no validation sample
     * @throws TrainingStoppedException when a batch loss is NaN or infinite
     */
    public History fit(Dataset data, FitOptions options, Callback... callbacks) {
        requireCompiled();
        checkData(data);
        stopRequested = false;
        final TrainingPlan plan = TrainingPlan.of(data.size(), options);
        final int nTrain = plan.trainSamples();
        final int nVal = plan.validationSamples();
        final int f = inputDim;
        final int t = outputDim();
        final float[] x = data.x();
        final float[] y = data.y();
        final int bs = plan.batchSize();
        final int steps = plan.stepsPerEpoch();
        ensureCapacity(Math.max(bs, Math.min(options.batchSize(), Math.max(nVal, 1))));
        final float[] bx = new float[bs * f];
        final float[] by = new float[bs * t];
        final int[] order = new int[nTrain];
        final NumpyRandomState rng = new NumpyRandomState(options.seed());
        final Dense last = layers.get(layers.size() - 1);
        final Metric[] metrics = trainMetrics;

        List<String> keys = new ArrayList<>();
        keys.add("loss");
        keys.addAll(metricNames);
        if (nVal > 0) {
            keys.add("val_loss");
            for (String m : metricNames) {
                keys.add("val_" + m);
            }
        }
        History history = new History(keys);
        for (Callback c : callbacks) {
            c.onTrainBegin(plan);
        }
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch);
            }
            for (int i = 0; i < nTrain; i++) {
                order[i] = i;
            }
            if (options.shuffle()) {
                rng.shuffle(order);
            }
            for (Metric m : metrics) {
                m.reset();
            }
            double lossSum = 0;
            long lossCount = 0;
            for (int step = 0; step < steps; step++) {
                int start = step * bs;
                int rows = Math.min(bs, nTrain - start);
                for (int r = 0; r < rows; r++) {
                    int i = order[start + r];
                    System.arraycopy(x, i * f, bx, r * f, f);
                    System.arraycopy(y, i * t, by, r * t, t);
                }
                float[] pred = forward(bx, rows);
                double l = lossStep.evaluate(pred, by, rows, t, last.outputGrad());
                if (!Double.isFinite(l)) {
                    throw new TrainingStoppedException("loss is " + l + " at epoch " + (epoch + 1) + " of "
                            + options.epochs() + ", batch " + (step + 1) + " of " + steps
                            + "; training stopped (the weights are those before that batch)", history, epoch + 1,
                            step + 1);
                }
                for (Metric m : metrics) {
                    m.update(pred, by, rows, t);
                }
                backward(bx, rows);
                optimizer.step();
                lossSum += l * rows;
                lossCount += rows;
                for (Callback c : callbacks) {
                    c.onBatchEnd(epoch, step, l);
                }
                if (stopRequested) {
                    break;
                }
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / lossCount);
            for (Metric m : metrics) {
                logs.put(m.name(), m.result());
            }
            if (nVal > 0) {
                double vl = evaluateRange(x, y, nTrain, nVal, options.batchSize(), evalMetrics);
                logs.put("val_loss", vl);
                for (Metric m : evalMetrics) {
                    logs.put("val_" + m.name(), m.result());
                }
            }
            history.append(logs);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, Collections.unmodifiableMap(logs));
            }
            if (stopRequested) {
                break;
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(history);
        }
        return history;
    }

    /** Loss over rows [from, from + count) of x/y, batch by batch, weighted by batch size; updates metrics. */
    private double evaluateRange(float[] x, float[] y, int from, int count, int batchSize, Metric[] metrics) {
        final int f = inputDim;
        final int t = outputDim();
        int bs = Math.min(batchSize, count);
        ensureCapacity(bs);
        if (evalX.length < bs * f) {
            evalX = new float[bs * f];
        }
        if (evalY.length < bs * t) {
            evalY = new float[bs * t];
        }
        final float[] bx = evalX;
        final float[] by = evalY;
        for (Metric m : metrics) {
            m.reset();
        }
        double sum = 0;
        for (int start = 0; start < count; start += bs) {
            int rows = Math.min(bs, count - start);
            System.arraycopy(x, (from + start) * f, bx, 0, rows * f);
            System.arraycopy(y, (from + start) * t, by, 0, rows * t);
            float[] pred = forward(bx, rows);
            double l = lossStep.evaluate(pred, by, rows, t, null);
            sum += l * rows;
            for (Metric m : metrics) {
                m.update(pred, by, rows, t);
            }
        }
        return sum / count;
    }

    /**
     * The loss of {@code batch} (all its samples at once) and the gradient of that loss with respect to every
     * parameter, left in each {@link Parameter#grad()}; no update is applied. What one training step computes before
     * the optimiser runs.
     *
     * @param batch the samples of one batch
     * @return the loss of {@code batch} (all its samples at once) and the gradient of that loss with respect to every parameter, left in each {@link Parameter#grad()}; no update is applied
     */
    public double computeGradients(Dataset batch) {
        requireCompiled();
        checkData(batch);
        int rows = batch.size();
        if (rows == 0) {
            throw new IllegalArgumentException("cannot compute gradients on an empty batch");
        }
        ensureCapacity(rows);
        float[] x = batch.x();
        float[] pred = forward(x, rows);
        double l = lossStep.evaluate(pred, batch.y(), rows, outputDim(), layers.get(layers.size() - 1).outputGrad());
        backward(x, rows);
        return l;
    }

    /**
     * Keras's {@code evaluate}: the loss (batch losses weighted by batch size) and every metric over {@code data}.
     *
     * @param data the samples, with the model's numbers of features and targets
     * @param batchSize the number of samples per batch
     * @return {@code loss} then each metric, by name
     */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        requireCompiled();
        checkData(data);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        Metric[] ms = new Metric[evalMetrics.length];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = evalMetrics[i].fresh();
        }
        double l = evaluateRange(data.x(), data.y(), 0, data.size(), batchSize, ms);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", l);
        for (Metric m : ms) {
            out.put(m.name(), m.result());
        }
        return out;
    }

    /**
     * The model's outputs for {@code rows} samples of {@code x} (row-major, rows · inputDim values).
     *
     * @param x the features, {@code rows × inputDim} in row-major order
     * @param rows the number of samples, ≥ 0
     * @return a new array of the outputs, {@code rows × outputDim} in row-major order
     */
    public float[] predict(float[] x, int rows) {
        requireLayers();
        if (x.length != rows * inputDim) {
            throw new IllegalArgumentException("predict: " + rows + " rows of " + inputDim + " features need "
                    + rows * inputDim + " values, got " + x.length);
        }
        int o = outputDim();
        float[] out = new float[rows * o];
        int bs = Math.max(1, Math.min(32, rows));
        ensureCapacity(bs);
        float[] bx = new float[bs * inputDim];
        for (int start = 0; start < rows; start += bs) {
            int r = Math.min(bs, rows - start);
            System.arraycopy(x, start * inputDim, bx, 0, r * inputDim);
            float[] p = forward(bx, r);
            System.arraycopy(p, 0, out, start * o, r * o);
        }
        return out;
    }

    /**
     * The model's outputs for every sample of {@code data}.
     *
     * @param data the samples, with the model's number of features (the targets are not read)
     * @return the outputs, {@code data.size() × outputs} in row-major order
     * @throws IllegalArgumentException if the number of features differs from the model's input
     */
    public float[] predict(Dataset data) {
        if (data.features() != inputDim) {
            throw new IllegalArgumentException("the model takes " + inputDim + " features, the data has "
                    + data.features());
        }
        return predict(data.x(), data.size());
    }

    @Override
    public String toString() {
        return "Sequential(input=" + inputDim + ", layers=" + layers + ")";
    }
}

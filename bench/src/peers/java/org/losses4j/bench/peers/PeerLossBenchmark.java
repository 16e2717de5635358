package org.losses4j.bench.peers;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.tensor.Tensor;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Value plus input gradient (reduction mean) of l1, mse, huber (δ = 1), binary cross-entropy with logits and
 * cross-entropy, in losses4j and in the JVM peers a user would pick instead, in one JMH harness:
 * <ul>
 *   <li>{@code losses4j}: the tensor API ({@code valueAndGradInput(Tensor, Tensor)}, a fresh gradient per call);
 *       {@code losses4jInto}: the tensor API with the gradient into a tensor the caller owns
 *       ({@code valueAndGradInput(Tensor, Tensor, Tensor)}); {@code losses4jBuffer}: the gradient into a
 *       {@code float[]} the caller owns;</li>
 *   <li>{@code djl}: DJL's NDArray with autograd on the PyTorch engine, data already in NDArrays; the losses are DJL's
 *       own where it has them ({@code L1Loss}, {@code SigmoidBinaryCrossEntropyLoss}, {@code SoftmaxCrossEntropyLoss})
 *       and written from DJL's ops where it has not (mse; Huber, as a DJL user would); {@code djlCopy}: the same with
 *       the inputs copied in from a Java {@code float[]} and the gradient copied out to one;</li>
 *   <li>{@code nd4j}: ND4J's {@code ILossFunction.computeGradientAndScore} ({@code LossL1}, {@code LossMSE},
 *       {@code LossBinaryXENT} after a sigmoid, {@code LossMCXENT} after a softmax with one-hot labels), data already
 *       in INDArrays of shape (n, 1) or (rows, classes); ND4J has no Huber loss function, so Huber is written from
 *       INDArray ops; {@code nd4jCopy}: with the copies in and out.</li>
 * </ul>
 * Size n is the element count; for cross_entropy it is rows × classes with 10 classes up to 1e5 elements and 100
 * classes above. Threads: {@code -Dlosses4j.threads}, and for the peers the environment's {@code OMP_NUM_THREADS}
 * and {@code -Dai.djl.pytorch.num_threads} (bench/compare-peers.sh sets all three).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
public class PeerLossBenchmark {
    @Param({"l1_loss", "mse_loss", "huber_loss", "binary_cross_entropy_with_logits", "cross_entropy"})
    public String loss;

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int n;

    private float[] x;
    private float[] y;
    private long[] classes;
    private float[] oneHot;
    private float[] gradOut;
    private int rows;
    private int cols;

    private Tensor xt;
    private Tensor yt;
    private Tensor gradTensor;
    private InputTargetLoss ours;
    private CrossEntropyLoss ce;

    private NDManager manager;
    private NDArray dx;
    private NDArray dy;
    private Loss djlLoss;

    private INDArray nx;
    private INDArray ny;
    private ILossFunction ndLoss;
    private IActivation ndActivation;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        Random r = new Random(42);
        boolean ceLoss = loss.equals("cross_entropy");
        cols = ceLoss ? (n <= 100_000 ? 10 : 100) : 1;
        rows = n / cols;
        x = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            y[i] = loss.startsWith("binary") ? r.nextFloat() : (float) (r.nextGaussian() * 2);
        }
        classes = new long[rows];
        oneHot = new float[n];
        for (int i = 0; i < rows; i++) {
            classes[i] = r.nextInt(cols);
            oneHot[i * cols + (int) classes[i]] = 1f;
        }
        gradOut = new float[n];
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        if (method.startsWith("losses4j")) {
            if (ceLoss) {
                ce = new CrossEntropyLoss();
                xt = Tensor.wrap(x, rows, cols);
                yt = Tensor.wrapIndices(classes, rows);
            } else {
                ours = (InputTargetLoss) LossRegistry.standard().create(loss);
                xt = Tensor.wrap(x, n);
                yt = Tensor.wrap(y, n);
            }
            gradTensor = Tensor.zeros(xt.shape());
        } else if (method.startsWith("djl")) {
            manager = NDManager.newBaseManager(Engine.getEngine("PyTorch").getDevices()[0], "PyTorch");
            dx = manager.create(x, new Shape(rows, cols));
            dy = ceLoss ? manager.create(classes, new Shape(rows, 1)) : manager.create(y, new Shape(rows, cols));
            dx.setRequiresGradient(true);
            djlLoss = switch (loss) {
                case "l1_loss" -> Loss.l1Loss();
                case "binary_cross_entropy_with_logits" -> Loss.sigmoidBinaryCrossEntropyLoss();
                case "cross_entropy" -> Loss.softmaxCrossEntropyLoss();
                default -> null; // mse and Huber from ops below
            };
        } else {
            nx = Nd4j.create(x, new long[] {rows, cols}, 'c');
            ny = Nd4j.create(ceLoss ? oneHot : y, new long[] {rows, cols}, 'c');
            ndActivation = new ActivationIdentity();
            ndLoss = switch (loss) {
                case "l1_loss" -> new LossL1();
                case "mse_loss" -> new LossMSE();
                case "binary_cross_entropy_with_logits" -> {
                    ndActivation = new ActivationSigmoid();
                    yield new LossBinaryXENT();
                }
                case "cross_entropy" -> {
                    ndActivation = new ActivationSoftmax();
                    yield new LossMCXENT();
                }
                default -> null; // Huber from ops below
            };
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }

    /** The tensor API: a fresh gradient tensor per call. */
    @Benchmark
    public Object losses4j() {
        return ce != null ? ce.valueAndGradInput(xt, yt) : ours.valueAndGradInput(xt, yt);
    }

    /** The tensor API with the gradient into a tensor the caller owns. */
    @Benchmark
    public LossResult losses4jInto() {
        return ce != null ? ce.valueAndGradInput(xt, yt, gradTensor) : ours.valueAndGradInput(xt, yt, gradTensor);
    }

    /** The training loop's path: the gradient into a buffer the caller owns. */
    @Benchmark
    public double losses4jBuffer() {
        return ce != null ? ce.valueAndGradInput(x, classes, gradOut, rows, cols)
                : ours.valueAndGradInput(x, y, gradOut, n);
    }

    /** DJL, data already in NDArrays; the gradient stays in its NDArray. */
    @Benchmark
    public float djl() {
        // Intermediates attach to the manager of their operands: borrowing the inputs into a sub-manager frees them
        // all when it closes (DJL's own idiom in its training loop).
        try (NDManager sub = manager.newSubManager()) {
            dx.tempAttach(sub);
            dy.tempAttach(sub);
            return djlStep(dx, dy);
        }
    }

    /** DJL with the copies a JVM user pays: inputs from float[], the gradient back into a float[]. */
    @Benchmark
    public float[] djlCopy() {
        try (NDManager sub = manager.newSubManager()) {
            NDArray a = sub.create(x, new Shape(rows, cols));
            NDArray b = loss.equals("cross_entropy") ? sub.create(classes, new Shape(rows, 1))
                    : sub.create(y, new Shape(rows, cols));
            a.setRequiresGradient(true);
            djlStep(a, b);
            return a.getGradient().toFloatArray();
        }
    }

    private float djlStep(NDArray a, NDArray b) {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray l;
            if (djlLoss != null) {
                l = djlLoss.evaluate(new NDList(b), new NDList(a));
            } else if (loss.equals("mse_loss")) {
                l = a.sub(b).square().mean();
            } else {
                l = djlHuber(a, b, 1f);
            }
            gc.backward(l);
            return l.getFloat();
        }
    }

    /** Huber from DJL's ops (DJL has no Huber loss): where |d| ≤ δ, d²/2, else δ(|d| − δ/2); the mean. */
    static NDArray djlHuber(NDArray prediction, NDArray label, float delta) {
        NDArray d = prediction.sub(label);
        NDArray a = d.abs();
        NDArray quadratic = d.square().mul(0.5f);
        NDArray linear = a.sub(0.5f * delta).mul(delta);
        return NDArrays.where(a.lte(delta), quadratic, linear).mean();
    }

    /** ND4J, data already in INDArrays; the gradient stays in its INDArray. */
    @Benchmark
    public Object nd4j() {
        return nd4jStep(nx, ny);
    }

    /** ND4J with the copies in from float[] and the gradient out to a float[]. */
    @Benchmark
    public float[] nd4jCopy() {
        INDArray a = Nd4j.create(x, new long[] {rows, cols}, 'c');
        INDArray b = Nd4j.create(loss.equals("cross_entropy") ? oneHot : y, new long[] {rows, cols}, 'c');
        Pair<Double, INDArray> r = nd4jStep(a, b);
        return r.getSecond().ravel().toFloatVector(); // (rows, classes) for cross-entropy: flatten first
    }

    private Pair<Double, INDArray> nd4jStep(INDArray a, INDArray b) {
        if (ndLoss != null) {
            // computeGradient is d(sum over the row's score)/d(preOutput): one row's gradient; mean over rows → / rows.
            Pair<Double, INDArray> r = ndLoss.computeGradientAndScore(b, a, ndActivation, null, true);
            r.getSecond().divi(rows);
            return r;
        }
        return nd4jHuber(a, b, 1.0);
    }

    /** Huber from INDArray ops (ND4J has no Huber ILossFunction): value and gradient, reduction mean. */
    static Pair<Double, INDArray> nd4jHuber(INDArray prediction, INDArray label, double delta) {
        INDArray d = prediction.sub(label);
        INDArray a = Transforms.abs(d, true);
        INDArray inside = a.lte(delta).castTo(DataType.FLOAT);
        INDArray outside = inside.rsub(1.0);
        // value: inside·d²/2 + outside·δ(|d| − δ/2)
        double value = inside.mul(d).muli(d).muli(0.5)
                .addi(outside.mul(a.sub(0.5 * delta)).muli(delta)).meanNumber().doubleValue();
        // gradient: (inside·d + outside·δ·sign(d)) / n
        INDArray grad = inside.muli(d).addi(outside.muli(Transforms.sign(d, true)).muli(delta)).divi(d.length());
        return new Pair<>(value, grad);
    }
}

package org.losses4j.bench.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.Initializer;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Boston experiment's training (13→16→8→1, relu, Adam with lr 1e-3, batch 1, shuffled every epoch, validation on
 * the last 20% of the 404 training samples after each epoch) in losses4j's {@code Sequential.fit}, in DJL's
 * {@code Trainer} (PyTorch engine; Huber δ = 1.5 written from DJL's ops, as DJL has none) and in DL4J's
 * {@code MultiLayerNetwork} (DL4J has no Huber loss either: {@code LossMSE}, the same per-element cost). One operation
 * is one whole training of {@code epochs} epochs from fresh weights.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dai.djl.offline=true"})
public class PeerTrainingBenchmark {
    @Param({"250"})
    public int epochs;

    private Dataset all;
    private float[] xTrain;
    private float[] yTrain;
    private float[] xVal;
    private float[] yVal;
    private int nTrain;
    private int nVal;

    @Setup
    public void setup() {
        all = BostonHousing.load().train();
        int n = all.size();
        nTrain = (int) Math.floor(n * 0.8);
        nVal = n - nTrain;
        float[] x = all.x();
        float[] y = all.y();
        xTrain = java.util.Arrays.copyOfRange(x, 0, nTrain * 13);
        yTrain = java.util.Arrays.copyOfRange(y, 0, nTrain);
        xVal = java.util.Arrays.copyOfRange(x, nTrain * 13, n * 13);
        yVal = java.util.Arrays.copyOfRange(y, nTrain, n);
    }

    @Benchmark
    public Object losses4j() {
        Sequential model = new Sequential(13, 42)
                .add(new Dense(16, org.losses4j.nn.Activation.RELU, Initializer.HE_UNIFORM))
                .add(new Dense(8, org.losses4j.nn.Activation.RELU, Initializer.HE_UNIFORM))
                .add(new Dense(1, org.losses4j.nn.Activation.LINEAR));
        model.compile(new HuberLoss(1.5), new Adam(), "mae");
        return model.fit(all, new FitOptions(epochs, 1, 0.2, true, 42));
    }

    @Benchmark
    public float djl() throws TranslateException, java.io.IOException {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(8).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
        try (Model model = Model.newInstance("boston", "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new DjlHuber(1.5f))
                    .optOptimizer(Optimizer.adam().build())
                    .addEvaluator(new L1Loss("mae"))
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            NDManager m = model.getNDManager();
            ArrayDataset train = new ArrayDataset.Builder()
                    .setData(m.create(xTrain, new Shape(nTrain, 13)))
                    .optLabels(m.create(yTrain, new Shape(nTrain, 1)))
                    .setSampling(1, true).build();
            ArrayDataset val = new ArrayDataset.Builder()
                    .setData(m.create(xVal, new Shape(nVal, 13)))
                    .optLabels(m.create(yVal, new Shape(nVal, 1)))
                    .setSampling(nVal, false).build();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 13));
                EasyTrain.fit(trainer, epochs, train, val);
                return trainer.getTrainingResult().getValidateLoss();
            }
        }
    }

    /** Huber from DJL's ops, as a DJL user would write it. */
    static final class DjlHuber extends Loss {
        private final float delta;

        DjlHuber(float delta) {
            super("huber");
            this.delta = delta;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return PeerLossBenchmark.djlHuber(predictions.singletonOrThrow(), labels.singletonOrThrow(), delta);
        }
    }

    @Benchmark
    public double dl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-3))
                .weightInit(WeightInit.RELU_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(13).nOut(16)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<DataSet> samples = new ArrayList<>(nTrain);
        for (int i = 0; i < nTrain; i++) {
            samples.add(new DataSet(Nd4j.create(java.util.Arrays.copyOfRange(xTrain, i * 13, i * 13 + 13), 1, 13),
                    Nd4j.create(new float[] {yTrain[i]}, 1, 1)));
        }
        DataSet val = new DataSet(Nd4j.create(xVal, nVal, 13), Nd4j.create(yVal, nVal, 1));
        Random r = new Random(42);
        double score = 0;
        for (int e = 0; e < epochs; e++) {
            Collections.shuffle(samples, r);
            for (DataSet s : samples) {
                net.fit(s); // one Adam step per sample: batch 1
            }
            score = net.score(val);
        }
        return score;
    }
}

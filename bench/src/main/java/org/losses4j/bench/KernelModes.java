package org.losses4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.losses4j.kernel.Simd;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.L1Loss;
import org.losses4j.loss.regression.MSELoss;
import org.losses4j.nn.Activation;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.History;
import org.losses4j.nn.Initializer;
import org.losses4j.nn.Parameter;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;
import org.losses4j.nn.random.NumpyRandomState;
import org.losses4j.tensor.Tensor;

/**
 * What the Vector API kernels change, measured: run once in each mode and compare.
 *
 * <pre>
 *   ./mvnw -q -DskipTests package
 *   java -cp bench/target/benchmarks.jar org.losses4j.bench.KernelModes &gt; /tmp/plain.txt
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.losses4j.bench.KernelModes /tmp/plain.txt
 * </pre>
 *
 * Records, one per line: "bits" records are a hash of the exact float bits (per-element values, gradients, trained
 * weights), "sums" records are reduced doubles (the mean losses, per-epoch losses and metrics). Given the other
 * mode's output, it prints which records are bit-identical and the largest relative difference of the others.
 */
public final class KernelModes {
    private KernelModes() {
    }

    private static final Map<String, String> BITS = new LinkedHashMap<>();
    private static final Map<String, double[]> SUMS = new LinkedHashMap<>();

    static void bits(String name, float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToIntBits(a[i]);
        }
        BITS.put(name, a.length + ":" + Integer.toHexString(Arrays.hashCode(b)));
    }

    static void sums(String name, double... v) {
        SUMS.put(name, v);
    }

    public static void main(String[] args) throws IOException {
        Random r = new Random(5);
        int n = 100_000;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
            y[i] = (float) (r.nextGaussian() * 3);
        }
        Tensor tx = Tensor.of(x, n);
        Tensor ty = Tensor.of(y, n);
        for (String name : List.of("huber_loss", "mse_loss", "l1_loss", "smooth_l1_loss")) {
            Map<String, ?> params = name.equals("huber_loss") ? Map.of("delta", 1.5) : Map.of();
            float[] g = new float[n];
            InputTargetLoss mean = (InputTargetLoss) LossRegistry.standard().create(name, params, "mean");
            sums(name + " mean of 1e5", mean.valueAndGradInput(x, y, g, n));
            bits(name + " gradient of 1e5", g);
            InputTargetLoss none = (InputTargetLoss) LossRegistry.standard().create(name, params, "none");
            bits(name + " values (reduction none) of 1e5", none.forward(tx, ty).data());
        }
        int rows = 1024;
        int classes = 10;
        float[] logits = new float[rows * classes];
        long[] t = new long[rows];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (r.nextGaussian() * 2);
        }
        for (int i = 0; i < rows; i++) {
            t[i] = r.nextInt(classes);
        }
        float[] g = new float[logits.length];
        sums("CrossEntropyLoss mean (1024, 10)", new CrossEntropyLoss().valueAndGradInput(logits, t, g, rows,
                classes));
        bits("CrossEntropyLoss gradient (1024, 10)", g);

        // training with large batches: 20,000 samples, batch 10,000 (loss reductions over 10,000 elements), 5 epochs
        int m = 20000;
        int f = 4;
        NumpyRandomState rs = new NumpyRandomState(9);
        float[] dx = new float[m * f];
        float[] dy = new float[m];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = (float) rs.standardNormal();
        }
        for (int i = 0; i < m; i++) {
            dy[i] = (float) (dx[i * f] * 2 - dx[i * f + 1] + 3 * rs.standardNormal());
        }
        Dataset d = Dataset.of(dx, dy, List.of("a", "b", "c", "d"), List.of("y"));
        for (Loss loss : List.of(new HuberLoss(1.5), new MSELoss(), new L1Loss())) {
            String name = "fit " + loss.getClass().getSimpleName() + " batch 10000";
            Sequential s = new Sequential(f, 3);
            s.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
            s.add(new Dense(1, Activation.LINEAR));
            s.compile(loss, new Adam(), "mae");
            History h = s.fit(d, new FitOptions(5, 10000, 0.2, true, 3));
            for (Parameter p : s.parameters()) {
                bits(name + " weights " + p.name(), p.value());
            }
            for (String key : List.of("loss", "val_loss", "mae", "val_mae")) {
                sums(name + " history " + key, h.get(key));
            }
        }

        if (args.length == 0) {
            System.out.println("# " + Simd.describe());
            BITS.forEach((k, v) -> System.out.println("bits\t" + k + "\t" + v));
            SUMS.forEach((k, v) -> System.out.println("sums\t" + k + "\t" + Arrays.toString(v)));
            return;
        }
        System.out.println("this run: " + Simd.describe() + "; compared with " + args[0]);
        List<String> other = Files.readAllLines(Path.of(args[0]));
        double worst = 0;
        List<String> identical = new ArrayList<>();
        for (String line : other) {
            if (line.startsWith("#")) {
                System.out.println("other run: " + line.substring(2));
                continue;
            }
            String[] c = line.split("\t");
            if (c[0].equals("bits")) {
                System.out.println((BITS.get(c[1]).equals(c[2]) ? "bit-identical   " : "DIFFERENT bits  ") + c[1]);
                continue;
            }
            double[] mine = SUMS.get(c[1]);
            String[] theirs = c[2].substring(1, c[2].length() - 1).split(", ");
            double rel = 0;
            for (int i = 0; i < mine.length; i++) {
                double o = Double.parseDouble(theirs[i]);
                rel = Math.max(rel, Math.abs(mine[i] - o) / Math.abs(o));
            }
            worst = Math.max(worst, rel);
            if (rel == 0) {
                identical.add(c[1]);
            }
            System.out.printf("%-16s%s%n", rel == 0 ? "bit-identical" : String.format("rel. %.2g", rel), c[1]);
        }
        System.out.printf("largest relative difference of a reduced value: %.2g%n", worst);
    }
}

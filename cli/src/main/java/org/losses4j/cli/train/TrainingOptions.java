package org.losses4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The training options of {@code boston} and {@code train}: the model's ({@link ModelOptions}, shared with {@code
 * delta sweep}), the loss, the optimiser, the validation split and the outputs; the defaults are the tutorial's.
 */
public final class TrainingOptions extends ModelOptions {
    /**
     * The most parameters an MLP of the CLI may have. Training keeps about 24 bytes per parameter (weights, gradient,
     * a double accumulator, Adam's two moments) and updates them all for every batch on the CPU: ten million is
     * 240 MB and already slow at batch size 1, two orders of magnitude beyond what a tabular data set needs.
     */
    public static final long MAX_PARAMETERS = 10_000_000L;

    /** The value of {@code --loss}. */
    @Option(names = {"-l", "--loss"}, order = 30, paramLabel = "NAME", defaultValue = "huber_loss",
            description = "Element-wise regression loss by name (default: ${DEFAULT-VALUE}; see 'losses4j list').")
    public String loss;

    /** The value of {@code --delta}. */
    @Option(names = "--delta", order = 31, paramLabel = "D",
            description = "The loss's delta (huber_loss: default 1.5, the tutorial's; smooth_l1_loss: its beta "
                    + "is --param beta=...).")
    public Double delta;

    /** The value of {@code --param}. */
    @Option(names = {"-p", "--param"}, order = 32, paramLabel = "NAME=VALUE",
            description = "Another parameter of the loss.")
    public List<String> params = new ArrayList<>();

    /** The value of {@code --optimizer}. */
    @Option(names = "--optimizer", order = 33, paramLabel = "NAME", defaultValue = "adam",
            description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    public String optimizer;

    /** The value of {@code --momentum}. */
    @Option(names = "--momentum", order = 34, paramLabel = "M",
            description = "SGD momentum (default 0).")
    public Double momentum;

    /** The value of {@code --nesterov}. */
    @Option(names = "--nesterov", order = 35,
            description = "SGD with Nesterov momentum (with --momentum; without it, plain SGD, as in Keras).")
    public boolean nesterov;

    /** The value of {@code --validation-split}. */
    @Option(names = "--validation-split", order = 36, paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of the training samples held out for validation, the LAST ones, as Keras "
                    + "(default: ${DEFAULT-VALUE}).")
    public double validationSplit;

    /** The value of {@code --standardize}. */
    @Option(names = "--standardize", order = 37,
            description = "Standardise the features with the mean and standard deviation of the training part "
                    + "(the tutorial does not).")
    public boolean standardize;

    /** The value of {@code --out}. */
    @Option(names = {"-o", "--out"}, order = 40, paramLabel = "DIR",
            description = "Output folder for plots, summary and report (default: out/COMMAND).")
    public Path out;

    /** The value of {@code --force}. */
    @Option(names = "--force", order = 41, description = "Replace the outputs of an earlier run in --out (all of "
            + "them: its files this run does not write are removed).")
    public boolean force;

    /** The value of {@code --save-model}. */
    @Option(names = "--save-model", order = 41,
            description = "Also save the model (model.json + model.safetensors).")
    public boolean saveModel;

    /** The value of {@code --no-plots}. */
    @Option(names = "--no-plots", order = 42,
            description = "Write the summary and report but no PNG plots.")
    public boolean noPlots;

    /**
     * Checks a seed of numpy's generator (MT19937 takes 32 bits).
     *
     * @param option the option the value was given with, for the message
     * @param seed the value given, which must lie in [0, 2<sup>32</sup> − 1]
     * @throws IllegalArgumentException naming the option: {@code --split-seed must be between 0 and 4294967295}
     */
    public static void checkSeed(String option, long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException(option + " must be between 0 and 4294967295, got " + seed);
        }
    }

    /**
     * Checks the MLP {@code features} → {@code hidden}… → 1 against {@link #MAX_PARAMETERS}.
     *
     * @param option names the widths in the message ({@code --hidden})
     * @param features the number of features
     * @param hidden the hidden layer widths
     * @throws IllegalArgumentException naming the option, the widths, the parameter count and the limit
     */
    public static void checkModelSize(int features, List<Integer> hidden, String option) {
        double n = 0; // exact up to 2^53, which is all the message needs
        double in = features;
        for (int h : hidden) {
            n += in * h + h;
            in = h;
        }
        n += in + 1;
        if (n > MAX_PARAMETERS) {
            String chain = features + " -> " + (hidden.isEmpty() ? "" : join(hidden).replace(",", " -> ") + " -> ")
                    + "1";
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s %s: the model %s would have "
                    + "%,.0f parameters; the limit is %,d", option, join(hidden), chain, n, MAX_PARAMETERS));
        }
    }

    private static String join(List<Integer> l) {
        StringBuilder b = new StringBuilder();
        for (int h : l) {
            b.append(b.length() == 0 ? "" : ",").append(h);
        }
        return b.toString();
    }
}

package org.losses4j.cli.train;

import java.util.List;

import picocli.CommandLine.Option;

/**
 * The model and its training, shared by {@code train}, {@code boston} and {@code delta sweep}; the defaults are the
 * tutorial's (an MLP 16-8-1, Adam at Keras's learning rate, 250 epochs, batch size 1).
 */
public class ModelOptions extends SplitOptions {
    /** Adam's default learning rate, Keras's. */
    public static final double ADAM_LEARNING_RATE = 0.001;

    /** The value of {@code --epochs}. */
    @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "250", order = 10,
            description = "Epochs (default: ${DEFAULT-VALUE}, the tutorial's).")
    public int epochs;

    /** The value of {@code --batch-size}. */
    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "1", order = 11,
            description = "Batch size (default: ${DEFAULT-VALUE}, the tutorial's).")
    public int batchSize;

    /** The value of {@code --learning-rate}. */
    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", order = 12,
            description = "Learning rate (default: Keras's, adam 0.001, sgd 0.01).")
    public Double learningRate;

    /** The value of {@code --hidden}. */
    @Option(names = "--hidden", paramLabel = "UNITS", split = ",", defaultValue = "16,8", order = 13,
            description = "Hidden layer sizes, ReLU with he_uniform (default: ${DEFAULT-VALUE}, the tutorial's; at "
                    + "most 10,000,000 parameters in all).")
    public List<Integer> hidden;

    /** The value of {@code --seed}. */
    @Option(names = {"-s", "--seed"}, paramLabel = "SEED", defaultValue = "42", order = 14,
            description = "Seed of the weight initialisation and the per-epoch shuffling (and of the folds of "
                    + "'delta sweep'; default: ${DEFAULT-VALUE}).")
    public long seed;
}

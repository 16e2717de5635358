package org.losses4j.nn;

import java.util.Arrays;
import java.util.Objects;

import org.losses4j.loss.regression.AdaptiveHuberLoss;
import org.losses4j.nn.data.Dataset;
import org.losses4j.stats.DeltaRules;

/**
 * A {@link Callback} that re-estimates the δ of an {@link AdaptiveHuberLoss} from the model's current residuals at
 * the start of every epoch, and records it in the {@link History} under {@code "delta"}.
 *
 * <pre>{@code
 * AdaptiveHuberLoss loss = new AdaptiveHuberLoss();
 * model.compile(loss, new Adam(), "mae");
 * AdaptiveDelta schedule = new AdaptiveDelta(model, train, loss, DeltaRules.Rule.QUANTILE, 0.9, 1e-3);
 * History h = model.fit(train, options, schedule);
 * double[] deltas = h.get("delta");        // the δ used in each epoch
 * }</pre>
 *
 * <p>At epoch e the residuals r = y − f(x) of the training samples (the first {@code trainSamples} rows of the
 * data given to {@code fit}, so validation rows never leak in) are computed with the weights at the start of the
 * epoch, δ<sub>e</sub> = max(minDelta, rule(r)) ({@link DeltaRules}: MAD, IQR or the α-quantile of |r|, as in
 * Friedman's gradient boosting), and every batch of epoch e uses δ<sub>e</sub>. The floor keeps δ positive when
 * the residuals collapse (a perfect fit gives MAD 0). With several target columns all residuals are pooled.
 * Deterministic: δ depends only on the weights, which are deterministic.
 */
public final class AdaptiveDelta implements Callback {
    private final Sequential model;
    private final Dataset data;
    private final AdaptiveHuberLoss loss;
    private final DeltaRules.Rule rule;
    private final double alpha;
    private final double minDelta;
    private double[] deltas = new double[0];
    private int count;
    private int trainRows;

    /**
     * @param model    the model being trained (its predictions give the residuals)
     * @param data     the data passed to {@code fit}
     * @param loss     the loss compiled into the model
     * @param rule     how δ is estimated from the residuals
     * @param alpha    the quantile rule's α in (0, 1) (ignored by MAD and IQR)
     * @param minDelta the floor of δ, &gt; 0
     */
    public AdaptiveDelta(Sequential model, Dataset data, AdaptiveHuberLoss loss, DeltaRules.Rule rule, double alpha,
            double minDelta) {
        this.model = Objects.requireNonNull(model, "model");
        this.data = Objects.requireNonNull(data, "data");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.rule = Objects.requireNonNull(rule, "rule");
        if (rule == DeltaRules.Rule.QUANTILE && !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("adaptive delta: alpha must be in (0, 1), got " + alpha);
        }
        if (!(minDelta > 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("adaptive delta: minDelta must be > 0, got " + minDelta);
        }
        this.alpha = alpha;
        this.minDelta = minDelta;
    }

    @Override
    public void onTrainBegin(TrainingPlan plan) {
        trainRows = plan.trainSamples();
        deltas = new double[plan.epochs()];
        count = 0;
    }

    @Override
    public void onEpochBegin(int epoch) {
        int t = data.targets();
        int n = trainRows * t;
        float[] p = model.predict(Arrays.copyOf(data.x(), trainRows * data.features()), trainRows);
        float[] y = data.y();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = (double) y[i] - p[i];
        }
        double d = Math.max(minDelta, rule.delta(r, alpha));
        loss.setDelta(d);
        deltas[count++] = loss.delta();
    }

    @Override
    public void onTrainEnd(History history) {
        history.addSeries("delta", Arrays.copyOf(deltas, history.epochs()));
    }

    /**
     * The δ of each epoch started so far.
     *
     * @return the δ of each epoch started so far
     */
    public double[] deltas() {
        return Arrays.copyOf(deltas, count);
    }
}

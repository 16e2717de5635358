package org.losses4j.spark.ml;

import java.io.Serializable;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.losses4j.spark.LossSpec;

/**
 * The params {@link LossRegression} and its {@link LossRegressionModel} share, with their getters: the role of
 * Spark's {@code LinearRegressionParams} trait. Java cannot mix in Scala's {@code HasMaxIter}-style traits, whose
 * fields the mixing class receives; here each owner holds one {@link Shared} set made for its uid, and the accessors
 * Spark finds by reflection (public, no arguments, returning a {@link Param}) are this interface's default methods.
 */
public interface LossRegressionParams extends Params {

    /**
     * The params of this owner, made for its uid. Spark reaches them through the accessors ({@link #loss()}, ...);
     * this method only gives the accessors their owner's set.
     *
     * @return the params of this owner
     */
    Shared sharedParams();

    /** The loss: a registry name. */
    default Param<String> loss() {
        return sharedParams().loss;
    }

    /** The loss's parameters, {@code delta=1.5,...}. */
    default Param<String> lossParams() {
        return sharedParams().lossParams;
    }

    /** Maximum number of iterations. */
    default IntParam maxIter() {
        return sharedParams().maxIter;
    }

    /** Convergence tolerance. */
    default DoubleParam tol() {
        return sharedParams().tol;
    }

    /** L2 regularization parameter. */
    default DoubleParam regParam() {
        return sharedParams().regParam;
    }

    /** Whether to fit an intercept. */
    default BooleanParam fitIntercept() {
        return sharedParams().fitIntercept;
    }

    /** Whether the penalty applies to standardized coefficients. */
    default BooleanParam standardization() {
        return sharedParams().standardization;
    }

    /** The weight column. */
    default Param<String> weightCol() {
        return sharedParams().weightCol;
    }

    /** The loss (for a model: the one it was trained with). */
    default String getLoss() {
        return getOrDefault(loss());
    }

    /** The loss's parameters. */
    default String getLossParams() {
        return getOrDefault(lossParams());
    }

    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    default double getTol() {
        return (Double) getOrDefault(tol());
    }

    default double getRegParam() {
        return (Double) getOrDefault(regParam());
    }

    default boolean getFitIntercept() {
        return (Boolean) getOrDefault(fitIntercept());
    }

    default boolean getStandardization() {
        return (Boolean) getOrDefault(standardization());
    }

    default String getWeightCol() {
        return getOrDefault(weightCol());
    }

    /** The params of one owner, built for its uid with Spark's names and docs. */
    final class Shared implements Serializable {
        private static final long serialVersionUID = 1L;

        final Param<String> loss;
        final Param<String> lossParams;
        final IntParam maxIter;
        final DoubleParam tol;
        final DoubleParam regParam;
        final BooleanParam fitIntercept;
        final BooleanParam standardization;
        final Param<String> weightCol;

        Shared(String uid) {
            loss = new Param<>(uid, "loss", "the training loss: an element-wise regression loss of the losses4j "
                    + "registry (" + String.join(", ", TrainingLoss.SUPPORTED) + ")",
                    new ParamCheck<>(TrainingLoss::checkName));
            lossParams = new Param<>(uid, "lossParams", "the loss's parameters, as the CLI writes them: "
                    + "delta=1.5,q=0.9 (empty: the loss's defaults)", new ParamCheck<>(LossSpec::parseParams));
            maxIter = new IntParam(uid, "maxIter", "maximum number of L-BFGS iterations (>= 0)",
                    new ParamCheck<Object>(v -> positiveOrZero("maxIter", v)));
            tol = new DoubleParam(uid, "tol", "the convergence tolerance of the iterations (>= 0)",
                    new ParamCheck<Object>(v -> positiveOrZero("tol", v)));
            regParam = new DoubleParam(uid, "regParam", "L2 regularization parameter (>= 0)",
                    new ParamCheck<Object>(v -> positiveOrZero("regParam", v)));
            fitIntercept = new BooleanParam(uid, "fitIntercept", "whether to fit an intercept term");
            standardization = new BooleanParam(uid, "standardization", "whether the L2 penalty applies to the "
                    + "coefficients of the standardized features (the fit always runs on standardized features)");
            weightCol = new Param<>(uid, "weightCol", "weight column name; unset: every row has weight 1");
        }

        private static void positiveOrZero(String name, Object value) {
            double v = ((Number) value).doubleValue();
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("LossRegression: " + name + " must be >= 0, got " + v);
            }
        }
    }
}

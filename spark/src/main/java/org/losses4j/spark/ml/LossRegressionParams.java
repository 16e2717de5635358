package org.losses4j.spark.ml;

import java.io.Serializable;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.losses4j.spark.LossSpec;

import scala.runtime.AbstractFunction1;

/**
 * The params {@link LossRegression} and {@link LossRegressionModel} share (Java cannot mix in Spark's
 * {@code HasMaxIter}-style traits), built for an owner's uid with Spark's names and docs.
 */
final class LossRegressionParams {
    private LossRegressionParams() {
    }

    static Param<String> loss(String uid) {
        return new Param<>(uid, "loss", "the training loss: an element-wise regression loss of the losses4j registry "
                + "(" + String.join(", ", TrainingLoss.SUPPORTED) + ")", new Check<>(v -> {
                    TrainingLoss.checkName(v);
                }));
    }

    static Param<String> lossParams(String uid) {
        return new Param<>(uid, "lossParams", "the loss's parameters, as the CLI writes them: delta=1.5,q=0.9 "
                + "(empty: the loss's defaults)", new Check<>(v -> LossSpec.parseParams(v)));
    }

    static IntParam maxIter(String uid) {
        return new IntParam(uid, "maxIter", "maximum number of L-BFGS iterations (>= 0)",
                new Check<Object>(v -> positiveOrZero("maxIter", ((Number) v).doubleValue())));
    }

    static DoubleParam tol(String uid) {
        return new DoubleParam(uid, "tol", "the convergence tolerance of the iterations (>= 0)",
                new Check<Object>(v -> positiveOrZero("tol", ((Number) v).doubleValue())));
    }

    static DoubleParam regParam(String uid) {
        return new DoubleParam(uid, "regParam", "L2 regularization parameter (>= 0)",
                new Check<Object>(v -> positiveOrZero("regParam", ((Number) v).doubleValue())));
    }

    static BooleanParam fitIntercept(String uid) {
        return new BooleanParam(uid, "fitIntercept", "whether to fit an intercept term");
    }

    static BooleanParam standardization(String uid) {
        return new BooleanParam(uid, "standardization", "whether the L2 penalty applies to the coefficients of the "
                + "standardized features (the fit always runs on standardized features)");
    }

    static Param<String> weightCol(String uid) {
        return new Param<>(uid, "weightCol", "weight column name; unset: every row has weight 1");
    }

    private static void positiveOrZero(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("LossRegression: " + name + " must be >= 0, got " + v);
        }
    }

    /** A consumer that throws for a bad value. */
    interface Checker<T> extends Serializable {
        void check(T value);
    }

    /**
     * A param's validator that throws our one-line message for a bad value instead of answering false (which
     * Spark turns into "param given invalid value").
     */
    static final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Checker<T> checker;

        Check(Checker<T> checker) {
            this.checker = checker;
        }

        @Override
        public Object apply(T value) {
            checker.check(value);
            return Boolean.TRUE;
        }
    }
}

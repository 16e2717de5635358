package org.losses4j.spark.ml;

import java.io.Serializable;

import scala.runtime.AbstractFunction1;

/**
 * A param's validator that throws our one-line message for a bad value instead of answering false (which Spark
 * turns into "param given invalid value").
 *
 * @param <T> the param's value type
 */
final class ParamCheck<T> extends AbstractFunction1<T, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Checker<T> checker;

    ParamCheck(Checker<T> checker) {
        this.checker = checker;
    }

    @Override
    public Object apply(T value) {
        checker.check(value);
        return Boolean.TRUE;
    }

    /** A consumer that throws for a bad value. */
    interface Checker<T> extends Serializable {
        void check(T value);
    }
}

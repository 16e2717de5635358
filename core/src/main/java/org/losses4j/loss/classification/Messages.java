package org.losses4j.loss.classification;

import org.losses4j.loss.Check;

/** Formatting of data values in error messages. */
final class Messages {
    private Messages() {
    }

    /** A float32 value as a person writes it: {@code 7}, {@code 1.1}, {@code -0.5}, {@code NaN}. */
    static String fmt(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Check.fmt(v) : Float.toString(v);
    }
}

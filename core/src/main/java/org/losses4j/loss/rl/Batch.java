package org.losses4j.loss.rl;

import org.losses4j.loss.Check;
import org.losses4j.tensor.Tensor;

/** Validation shared by the losses of this family, whose inputs are a batch of N rows over A actions. */
final class Batch {
    private Batch() {
    }

    /** The (N, A) input, 2-D with A &ge; 1. */
    static void requireRows(String loss, String arg, Tensor t) {
        if (t.dim() != 2) {
            throw Check.error(loss, arg + " must have shape (N, A), got " + t.shapeString());
        }
        if (t.size(1) < 1) {
            throw Check.error(loss, arg + " must have at least one action (A >= 1), got shape " + t.shapeString());
        }
    }

    /** A per-row input of shape (N), never an (N, 1) column. */
    static void requirePerRow(String loss, String arg, Tensor t, String rowsName, Tensor rows) {
        int n = rows.size(0);
        if (t.dim() != 1 || t.size(0) != n) {
            throw Check.error(loss, arg + " must have shape (N) = [" + n + "] to match " + rowsName + " shape "
                    + rows.shapeString() + ", got " + t.shapeString());
        }
    }

    /** Every action in [0, A); the message names the value, its index and A. */
    static void requireActions(String loss, long[] actions, int a) {
        for (int i = 0; i < actions.length; i++) {
            if (actions[i] < 0 || actions[i] >= a) {
                throw Check.error(loss, "actions must be in [0, " + a + ") for A = " + a + " actions, got "
                        + actions[i] + " at index " + i);
            }
        }
    }

    /** Every value 0 or 1 (episode ends); the message names the value and its index. */
    static void requireZeroOne(String loss, String arg, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0f && v[i] != 1f) {
                throw Check.error(loss, arg + " must be 0 or 1, got " + Check.fmt(v[i]) + " at index " + i);
            }
        }
    }
}

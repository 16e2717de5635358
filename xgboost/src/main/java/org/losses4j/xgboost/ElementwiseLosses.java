package org.losses4j.xgboost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.losses4j.loss.Check;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.SecondOrderLoss;

/**
 * The losses a boosting objective or metric can use: the element-wise regression losses ({@link SecondOrderLoss}s
 * of family {@code regression}) and, for classification on logits, {@code binary_cross_entropy_with_logits}.
 */
final class ElementwiseLosses {
    /** The classification loss on margins (logits) that boosting can use. */
    static final String LOGITS = "binary_cross_entropy_with_logits";

    private ElementwiseLosses() {
    }

    /**
     * The loss {@code name} with {@code params} and reduction {@code reduction}, refused unless usable. An unknown
     * name or parameter, or a parameter out of range, is refused with the registry's message.
     *
     * @param user who takes the loss, for the message ({@code XGBoost objectives})
     */
    static SecondOrderLoss create(String name, Map<String, ?> params, String reduction, String user) {
        LossInfo info = LossRegistry.standard().info(name);
        Loss loss = LossRegistry.standard().create(name, params, reduction);
        String why = !(loss instanceof SecondOrderLoss) ? "not element-wise in a prediction and a target, so it has"
                + " no per-row gradient and second derivative"
                : !usable(info) ? "a " + info.family() + " loss, not one of a real-valued prediction" : null;
        if (why != null) {
            throw Check.error(name, why + "; " + user + " take " + String.join(", ", names()));
        }
        return (SecondOrderLoss) loss;
    }

    private static boolean usable(LossInfo info) {
        return info.family().equals("regression") || info.name().equals(LOGITS);
    }

    /** The names of the usable losses (those whose defaults build one), in the registry's order. */
    static List<String> names() {
        List<String> ok = new ArrayList<>();
        for (LossInfo info : LossRegistry.standard().list()) {
            try {
                if (usable(info)
                        && LossRegistry.standard().create(info.name(), Map.of(), "sum") instanceof SecondOrderLoss) {
                    ok.add(info.name());
                }
            } catch (IllegalArgumentException e) {
                // no defaults for every parameter, or no sum reduction: not listed
            }
        }
        return ok;
    }
}

package org.losses4j.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.losses4j.loss.classification.ClassificationLosses;
import org.losses4j.loss.ranking.RankingLosses;
import org.losses4j.loss.regression.RegressionLosses;
import org.losses4j.loss.rl.ReinforcementLosses;

/**
 * Losses by name: the names of the JSON-lines protocol, PyTorch's {@code torch.nn.functional} names where PyTorch
 * has the loss. The CLI and other tools create losses here from parameters they read from files.
 *
 * <pre>{@code
 * Loss huber = LossRegistry.standard().create("huber_loss", Map.of("delta", 1.5), "sum");
 * }</pre>
 */
public final class LossRegistry {
    private final Map<String, LossInfo> byName;

    private LossRegistry(Map<String, LossInfo> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    private static final class Standard {
        // The four families' lists; a family knows its losses, the registry knows the families.
        static final LossRegistry INSTANCE = new Builder().addAll(RegressionLosses.LOSSES)
                .addAll(ClassificationLosses.LOSSES).addAll(RankingLosses.LOSSES).addAll(ReinforcementLosses.LOSSES)
                .build();
    }

    /**
     * Every loss that ships with losses4j.
     *
     * @return every loss that ships with losses4j
     */
    public static LossRegistry standard() {
        return Standard.INSTANCE;
    }

    /**
     * Whether a loss of that name exists.
     *
     * @param name a registry name ({@code huber_loss}); exact, case-sensitive
     * @return whether a loss of that name exists
     */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * The entries, in registration order (by family).
     *
     * @return the entries, in registration order (by family)
     */
    public List<LossInfo> list() {
        return new ArrayList<>(byName.values());
    }

    /**
     * The entry for {@code name}.
     *
     * @param name a registry name ({@code huber_loss}); exact, case-sensitive
     * @return the entry for {@code name}
     * @throws IllegalArgumentException for an unknown name, with the closest known name
     */
    public LossInfo info(String name) {
        LossInfo info = byName.get(Objects.requireNonNull(name, "loss name"));
        if (info == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'" + suggestion(name)
                    + " (see 'losses4j list' for all names)");
        }
        return info;
    }

    /**
     * Creates a loss.
     *
     * @param name      registry name
     * @param params    parameters by PyTorch name (may be null or empty)
     * @param reduction {@code none}, {@code mean}, {@code sum}, {@code batchmean}, or null for the loss's default
     * @return a loss
     */
    public Loss create(String name, Map<String, ?> params, String reduction) {
        return info(name).create(params, reduction);
    }

    /**
     * Creates a loss of {@code type}: {@link InputTargetLoss} for the losses of an input and a target (with
     * {@code forward(input, target)} and {@code valueAndGradient(input, target)}), or a loss class.
     *
     * @param <L>       the kind of loss wanted
     * @param name      the loss's registry name ({@code huber_loss})
     * @param params    its parameters by PyTorch name ({@code delta}), or null or empty for the defaults
     * @param reduction {@code none}, {@code mean} or {@code sum}, or null for the loss's default
     * @param type      the class the loss must be an instance of
     * @return the loss, built and validated
     * @throws IllegalArgumentException for an unknown name, invalid parameters, or a loss that is not a {@code type}
     */
    public <L extends Loss> L create(String name, Map<String, ?> params, String reduction, Class<L> type) {
        Loss loss = create(name, params, reduction);
        if (!type.isInstance(loss)) {
            throw Check.error(name, "not a loss of type " + type.getSimpleName() + "; inputs: " + loss.inputs().stream()
                    .map(InputSpec::name).collect(Collectors.joining(", ")));
        }
        return type.cast(loss);
    }

    /**
     * Creates a loss of an input and a target, with {@code forward(input, target)} and
     * {@code valueAndGradient(input, target)}:
     * <pre>{@code
     * InputTargetLoss huber = LossRegistry.standard().createInputTarget("huber_loss", Map.of("delta", 1.5), null);
     * LossResult r = huber.valueAndGradient(prediction, target);
     * }</pre>
     *
     * @param name      the loss's registry name ({@code huber_loss})
     * @param params    its parameters by PyTorch name ({@code delta}), or null or empty for the defaults
     * @param reduction {@code none}, {@code mean} or {@code sum}, or null for the loss's default
     * @return the loss, built and validated
     * @throws IllegalArgumentException for an unknown name, invalid parameters, or a loss with other inputs
     *                                  ({@code triplet_margin_loss: not a loss of type InputTargetLoss; inputs: ...})
     */
    public InputTargetLoss createInputTarget(String name, Map<String, ?> params, String reduction) {
        return create(name, params, reduction, InputTargetLoss.class);
    }

    /**
     * Creates a loss with its default parameters and reduction.
     *
     * @param name a registry name ({@code huber_loss})
     * @return the loss with its declared defaults
     * @throws IllegalArgumentException for an unknown name
     */
    public Loss create(String name) {
        return create(name, Map.of(), null);
    }

    private String suggestion(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : byName.keySet()) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Collects entries: the standard registry adds the four families' lists ({@code RegressionLosses.LOSSES}, ...). */
    public static final class Builder {
        private final Map<String, LossInfo> entries = new LinkedHashMap<>();

        /**
         * Adds an entry; a name may be registered once.
         *
         * @param info the entry, with its declaration
         * @throws IllegalStateException if a loss of that name is already registered
         * @return this builder, for chaining
         */
        public Builder add(LossInfo info) {
            if (entries.putIfAbsent(info.name(), info) != null) {
                throw new IllegalStateException("loss '" + info.name() + "' registered twice");
            }
            return this;
        }

        /**
         * Adds the entry of a declared loss.
         *
         * @param declaration the loss's declaration
         * @return this builder, for chaining
         * @throws IllegalStateException if a loss of that name is already registered
         */
        public Builder add(LossDeclaration declaration) {
            return add(new LossInfo(declaration));
        }

        /**
         * Adds the entries of declared losses, in order.
         *
         * @param declarations the losses' declarations, in the order {@code losses4j list} shows them
         * @return this builder, for chaining
         * @throws IllegalStateException if a name occurs twice
         */
        public Builder addAll(List<LossDeclaration> declarations) {
            declarations.forEach(this::add);
            return this;
        }

        /**
         * The registry.
         *
         * @return a new registry of the entries added so far, in the order they were added
         */
        public LossRegistry build() {
            return new LossRegistry(entries);
        }
    }
}

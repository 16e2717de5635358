package org.losses4j.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.losses4j.loss.classification.ClassificationExtraLosses;
import org.losses4j.loss.classification.ClassificationLosses;
import org.losses4j.loss.ranking.RankingLosses;
import org.losses4j.loss.regression.DeltaLosses;
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
        static final LossRegistry INSTANCE = build();

        private static LossRegistry build() {
            Builder b = new Builder();
            RegressionLosses.register(b);
            DeltaLosses.register(b);
            ClassificationLosses.register(b);
            ClassificationExtraLosses.register(b);
            RankingLosses.register(b);
            ReinforcementLosses.register(b);
            return b.build();
        }
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
     * @param name the name
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
     * @param name the name
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
        LossInfo info = info(name);
        if (reduction != null && Reduction.ofLabel(reduction) == null) {
            // Named exactly as PyTorch names them ("MEAN" is not one); the message lists what this loss offers.
            throw Check.error(name, "reduction must be one of " + Reduction.labels(offered(info)) + ", got "
                    + Check.quote(reduction));
        }
        LossParams p = new LossParams(name, params, reduction);
        Loss loss = info.factory().create(p);
        p.requireAllUsed();
        return loss;
    }

    /** The reductions a loss offers: those of its default instance. */
    private static Set<Reduction> offered(LossInfo info) {
        try {
            return info.factory().create(new LossParams(info.name(), Map.of(), null)).reductions();
        } catch (RuntimeException e) { // a loss without defaults for every parameter: the usual three
            return EnumSet.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);
        }
    }

    /**
     * Creates a loss with its default parameters and reduction.
     *
     * @param name the name
     * @return a loss with its default parameters and reduction
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

    /** Collects entries; each loss family registers its own in its {@code register(Builder)} method. */
    public static final class Builder {
        private final Map<String, LossInfo> entries = new LinkedHashMap<>();

        /**
         * Adds an entry; a name may be registered once.
         *
         * @param info the info
         * @return this builder, for chaining
         */
        public Builder add(LossInfo info) {
            if (entries.putIfAbsent(info.name(), info) != null) {
                throw new IllegalStateException("loss '" + info.name() + "' registered twice");
            }
            return this;
        }

        /**
         * Adds an entry.
         *
         * @param name the name
         * @param family the family
         * @param summary a one-line summary
         * @param parameters the parameters with their defaults, as written
         * @param factory builds the loss from its parameters and reduction
         * @return this builder, for chaining
         */
        public Builder add(String name, String family, String summary, String parameters, LossFactory factory) {
            return add(new LossInfo(name, family, summary, parameters, factory));
        }

        /**
         * The registry.
         *
         * @return this LossRegistry, for chaining
         */
        public LossRegistry build() {
            return new LossRegistry(entries);
        }
    }
}

package org.losses4j.cli.delta;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.train.SplitOptions;
import org.losses4j.stats.DeltaRules;
import org.losses4j.stats.DeltaRules.Rule;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losses4j delta suggest}: each δ rule of {@link DeltaRules} on the targets and on the residuals of two
 * baselines, the median and an ordinary least-squares linear fit (with intercept; {@link LeastSquares}), all in double
 * precision on the values as read (Boston: as in the bundled file), not on the float32 copy used for training.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Each delta rule (mad, iqr, quantile) on the targets and on the residuals of baseline models "
                + "(median, least-squares linear fit), on the training part of train's split. The rules scale "
                + "delta to the residuals' spread; 'delta sweep' measures held-out error.")
public final class SuggestCommand implements Runnable {
    /** What the rules estimate, against the sweep; printed by both. */
    static final String WHICH = "The rules scale delta to the residuals' spread; 'delta sweep' measures held-out "
            + "error: trust the sweep to choose delta.";

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 0)
    DataOptions source;

    @Mixin
    SplitOptions split;

    @Option(names = "--rules", split = ",", paramLabel = "RULE",
            description = "Rules to apply: mad, iqr, quantile (default: all).")
    List<String> rules;

    @Option(names = "--alpha", defaultValue = "0.9", description = "The quantile rule's alpha in (0, 1) (default "
            + "${DEFAULT-VALUE}, as Friedman 2001).")
    double alpha;

    @Override
    public void run() {
        List<Rule> chosen = parseRules(rules);
        if (chosen.contains(Rule.QUANTILE) && !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        DataOptions.Exact d = DataOptions.loadExact(source, split);
        int n = d.size();
        double[] y = d.y();
        double med = DeltaRules.median(y);
        double[] medRes = new double[n];
        for (int i = 0; i < n; i++) {
            medRes[i] = y[i] - med;
        }
        double[] lsRes = LeastSquares.fit(d.x(), y, d.featureNames()).residuals();
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("targets", y);
        columns.put("median_residuals", medRes);
        columns.put("least_squares_residuals", lsRes);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Rule r : chosen) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", r.label());
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                row.put(e.getKey(), r.delta(e.getValue(), alpha));
            }
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("data", DataOptions.describe(source, split));
            m.put("samples", n);
            m.put("alpha", alpha);
            m.put("suggestions", rows);
            m.put("note", WHICH);
            try {
                out.println(Json.PRETTY.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (output.quiet) {
            return;
        }
        out.println("delta suggestions for " + DataOptions.describe(source, split) + ", " + n + " samples");
        out.printf("%-16s %12s %18s %26s%n", "rule", "targets", "median residuals", "least-squares residuals");
        for (Map<String, Object> row : rows) {
            String label = row.get("rule").equals("quantile") ? "quantile a=" + alpha : (String) row.get("rule");
            out.printf("%-16s %12.4f %18.4f %26.4f%n", label, row.get("targets"), row.get("median_residuals"),
                    row.get("least_squares_residuals"));
        }
        out.println("mad: 1.345*1.4826*MAD; iqr: 1.345*IQR/1.349; quantile: alpha-quantile of |r|.");
        out.println(WHICH);
    }

    static List<Rule> parseRules(List<String> names) {
        if (names == null) {
            return List.of(Rule.values());
        }
        List<Rule> out = new ArrayList<>();
        for (String s : names) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("--rules: empty rule name; rules: mad, iqr, quantile");
            }
            Rule r = Rule.parse(s);
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}

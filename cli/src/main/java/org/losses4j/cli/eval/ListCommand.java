package org.losses4j.cli.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.ParameterSpec;
import org.losses4j.loss.Reduction;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code losses4j list}: the losses, with their family, parameters and a one-line summary; one loss in full. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the losses, their parameters and "
        + "defaults, in 100 columns (--long: with a summary of each).")
public final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "LOSS", description = "One loss: its inputs, its reductions, and its "
            + "parameters with their types, defaults, rules and descriptions.")
    String loss;

    @Option(names = "--family", description = "Only this family: regression, classification, ranking, "
            + "reinforcement.")
    String family;

    @Option(names = "--long", description = "Also print a one-line summary of each loss, below it.")
    boolean long_;

    /** The width the table fits in. */
    static final int WIDTH = 100;

    @Override
    public void run() {
        if (loss != null) {
            describe(LossRegistry.standard().info(loss));
            return;
        }
        List<LossInfo> infos = new ArrayList<>();
        for (LossInfo i : LossRegistry.standard().list()) {
            if (family == null || i.family().equalsIgnoreCase(family)) {
                infos.add(i);
            }
        }
        if (family != null && infos.isEmpty()) {
            throw new IllegalArgumentException("--family must be one of regression, classification, ranking, "
                    + "reinforcement, got '" + family + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LossInfo i : infos) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", i.name());
                m.put("family", i.family());
                m.put("inputs", inputList(i));
                m.put("parameters", i.parameters());
                m.put("parameter_list", parameterList(i));
                m.put("summary", i.summary());
                rows.add(m);
            }
            try {
                out.println(Json.PRETTY.writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (output.quiet) {
            return;
        }
        int w = infos.stream().mapToInt(i -> i.name().length()).max().orElse(4) + 2;
        int f = infos.stream().mapToInt(i -> i.family().length()).max().orElse(6) + 2;
        String row = "%-" + w + "s%-" + f + "s%s";
        out.println(String.format(row, "NAME", "FAMILY", "PARAMETERS"));
        for (LossInfo i : infos) {
            List<String> params = wrap(i.parameters(), WIDTH - w - f, ", ");
            for (int k = 0; k < params.size(); k++) {
                out.println(String.format(row, k == 0 ? i.name() : "", k == 0 ? i.family() : "", params.get(k))
                        .stripTrailing());
            }
            if (long_) {
                for (String line : wrap(i.summary(), WIDTH - 4, " ")) {
                    out.println("    " + line);
                }
            }
        }
    }

    /** {@code text} in lines of at most {@code width} characters, broken after {@code separator}. */
    static List<String> wrap(String text, int width, String separator) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : text.split(java.util.regex.Pattern.quote(separator), -1)) {
            String piece = part + separator;
            if (line.length() > 0 && line.length() + piece.strip().length() > width) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            line.append(piece);
        }
        String last = line.substring(0, Math.max(0, line.length() - separator.length())).stripTrailing();
        if (!last.isEmpty() || lines.isEmpty()) {
            lines.add(last);
        }
        return lines;
    }

    /** The inputs as JSON objects: name, kind, differentiable, optional. */
    private static List<Map<String, Object>> inputList(LossInfo info) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (InputSpec s : info.inputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("kind", s.kind().label());
            m.put("differentiable", s.differentiable());
            m.put("optional", s.optional());
            list.add(m);
        }
        return list;
    }

    /** {@code target (int64 class indices, optional)}: an input as the one-loss view prints it. */
    static String describe(InputSpec s) {
        String kind = switch (s.kind()) {
            case FLOAT -> "float32";
            case INDEX -> "int64 class indices";
            case FLOAT_OR_INDEX -> "int64 class indices or float32";
        };
        return s.name() + " (" + kind + (s.differentiable() ? ", differentiable" : "")
                + (s.optional() ? ", optional" : "") + ")";
    }

    /** The parameters as JSON objects: name, type, default, rule, description. */
    private static List<Map<String, Object>> parameterList(LossInfo info) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ParameterSpec p : info.parameterList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type().label());
            m.put("default", p.defaultValue());
            m.put("rule", p.rule().text());
            m.put("description", p.description());
            list.add(m);
        }
        return list;
    }

    /** One loss: what it is, its reductions and a table of its parameters. */
    private void describe(LossInfo info) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", info.name());
            m.put("family", info.family());
            m.put("summary", info.summary());
            m.put("reductions", Reduction.labels(info.reductions()));
            m.put("default_reduction", info.defaultReduction().label());
            m.put("inputs", inputList(info));
            m.put("parameter_list", parameterList(info));
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
        out.printf("%s (%s): %s%n", info.name(), info.family(), info.summary());
        out.printf("inputs: %s%n", String.join(", ", info.inputs().stream().map(ListCommand::describe).toList()));
        out.printf("reductions: %s (default %s)%n", Reduction.labels(info.reductions()), info.defaultReduction());
        List<ParameterSpec> ps = info.parameterList();
        if (ps.isEmpty()) {
            out.println("parameters: none");
            return;
        }
        int n = Math.max(9, ps.stream().mapToInt(p -> p.name().length()).max().orElse(0)) + 2;
        int t = Math.max(4, ps.stream().mapToInt(p -> p.type().label().length()).max().orElse(0)) + 2;
        int d = Math.max(7, ps.stream().mapToInt(p -> p.defaultText().length()).max().orElse(0)) + 2;
        int r = Math.max(4, ps.stream().mapToInt(p -> p.rule().text().length()).max().orElse(0)) + 2;
        String row = "%-" + n + "s%-" + t + "s%-" + d + "s%-" + r + "s%s%n";
        out.printf(row, "PARAMETER", "TYPE", "DEFAULT", "RULE", "DESCRIPTION");
        for (ParameterSpec p : ps) {
            out.printf(row, p.name(), p.type().label(), p.defaultText(), p.rule().text(), p.description());
        }
    }
}

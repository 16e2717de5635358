package org.losses4j.cli.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code losses4j list}: the losses, with their family, parameters and a one-line summary. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the losses, their parameters and "
        + "defaults, in 100 columns (--long: with a summary of each).")
public final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--family", description = "Only this family: regression, classification, ranking, "
            + "reinforcement.")
    String family;

    @Option(names = "--long", description = "Also print a one-line summary of each loss, below it.")
    boolean long_;

    /** The width the table fits in. */
    static final int WIDTH = 100;

    @Override
    public void run() {
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
                m.put("parameters", i.parameters());
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
}

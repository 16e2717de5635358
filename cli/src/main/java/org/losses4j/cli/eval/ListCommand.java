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
        + "defaults.")
public final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--family", description = "Only this family: regression, classification, ranking, "
            + "reinforcement.")
    String family;

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
        int p = Math.max(12, infos.stream().mapToInt(i -> i.parameters().length()).max().orElse(10) + 2);
        out.printf("%-" + w + "s%-16s%-" + p + "s%s%n", "NAME", "FAMILY", "PARAMETERS", "SUMMARY");
        for (LossInfo i : infos) {
            out.printf("%-" + w + "s%-16s%-" + p + "s%s%n", i.name(), i.family(), i.parameters(), i.summary());
        }
    }
}

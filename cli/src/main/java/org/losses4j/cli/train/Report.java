package org.losses4j.cli.train;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.losses4j.cli.Json;

/** The self-contained HTML report of a run: the plots embedded as base64 PNG, the results and the configuration. */
final class Report {
    private Report() {
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String num(Object o) {
        if (o instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return esc(o);
    }

    private static String img(Map<String, byte[]> images, String file, String alt) {
        byte[] png = images.get(file);
        if (png == null) {
            return "";
        }
        return "<figure><img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" + esc(alt)
                + "</figcaption></figure>\n";
    }

    private static void table(StringBuilder b, Map<?, ?> m) {
        b.append("<table>\n");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>");
            Object v = e.getValue();
            b.append(v instanceof Map || v instanceof List ? esc(json(v)) : num(v));
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String json(Object v) {
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }

    /**
     * The report of a run; {@code images} are the PNGs of this run by file name (empty with --no-plots), embedded
     * as they are, never read back from the output folder.
     */
    @SuppressWarnings("unchecked")
    static String html(String command, Map<String, Object> summary, Map<String, byte[]> images, String provenance) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>losses4j ")
                .append(esc(command)).append(" report</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f4f4f4}")
                .append("img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0}")
                .append("figcaption{color:#555;font-size:90%}.note{background:#fff8e1;padding:8px 12px;")
                .append("border-left:4px solid #f0ad4e}\n</style></head><body>\n");
        b.append("<h1>losses4j ").append(esc(command)).append("</h1>\n");
        Map<String, Object> test = (Map<String, Object>) summary.get("test");
        b.append("<p><b>Test results - Loss: ").append(esc(test.get("loss"))).append(" - MAE: ")
                .append(esc(test.get("mae"))).append("</b></p>\n");
        b.append("<h2>Training</h2>\n");
        table(b, (Map<?, ?>) summary.get("training"));
        b.append("<h3>Last epoch</h3>\n");
        table(b, (Map<?, ?>) summary.get("final_epoch"));
        b.append(img(images, "loss.png", "Loss per epoch, training and validation"));
        b.append(img(images, "mae.png", "Mean absolute error per epoch, training and validation"));
        b.append("<h2>Targets</h2>\n<p>Quartiles by numpy's linear method; Tukey fences at 1.5 IQR.</p>\n");
        Map<String, Object> targets = (Map<String, Object>) summary.get("targets");
        b.append("<table><tr><th>part</th>");
        Map<String, Object> first = (Map<String, Object>) targets.values().iterator().next();
        for (String k : first.keySet()) {
            b.append("<th>").append(esc(k)).append("</th>");
        }
        b.append("</tr>\n");
        for (Map.Entry<String, Object> e : targets.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th>");
            for (Object v : ((Map<String, Object>) e.getValue()).values()) {
                b.append("<td>").append(num(v)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        b.append(img(images, "targets_boxplot.png", "Box plots of the target: all, train, test"));
        b.append("<h2>Configuration</h2>\n");
        table(b, (Map<?, ?>) summary.get("config"));
        b.append("<h2>Model</h2>\n");
        table(b, (Map<?, ?>) summary.get("model"));
        b.append("<h2>Data</h2>\n");
        table(b, (Map<?, ?>) summary.get("data"));
        if (provenance != null) {
            b.append("<div class=\"note\"><pre style=\"white-space:pre-wrap\">").append(esc(provenance))
                    .append("</pre></div>\n");
        }
        b.append("<p style=\"color:#777\">Generated by losses4j. The full history is in summary.json.</p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }
}

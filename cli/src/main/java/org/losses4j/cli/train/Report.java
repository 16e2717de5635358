package org.losses4j.cli.train;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.losses4j.cli.Json;

/**
 * The self-contained HTML report of a run, printed from its {@link RunSummary}: how to reproduce it, the results,
 * the diagnostics on the test set, the plots embedded as base64 PNG, the configuration and the data's provenance.
 * Figures in the tables have 4 significant digits; the tutorial's test line keeps every digit.
 */
final class Report {
    private Report() {
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A number with 4 significant digits (1234.5 is 1235, 0.00012345 is 0.0001235); anything else as text. */
    static String num(Object o) {
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (d == 0) {
                return "0";
            }
            double a = Math.abs(d);
            BigDecimal r = new BigDecimal(d).round(new MathContext(4));
            if (a >= 1e-4 && a < 1e7) {
                return r.stripTrailingZeros().toPlainString();
            }
            return String.format(Locale.ROOT, "%.3e", d);
        }
        return esc(o);
    }

    private static String img(Map<String, byte[]> images, String file, String caption) {
        byte[] png = images.get(file);
        if (png == null) {
            return "";
        }
        return "<figure><img alt=\"" + esc(caption) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" + esc(caption) + " ("
                + esc(file) + ")</figcaption></figure>\n";
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

    private static void row(StringBuilder b, String key, String html) {
        b.append("<tr><th>").append(esc(key)).append("</th><td>").append(html).append("</td></tr>\n");
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
     * as they are, never read back from the output folder; {@code provenance} is Markdown, or null.
     */
    @SuppressWarnings("unchecked")
    static String html(RunSummary s, Map<String, byte[]> images, String provenance) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>losses4j ")
                .append(esc(s.command())).append(" report</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;max-width:100%}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;")
                .append("overflow-wrap:anywhere}th{background:#f4f4f4}")
                .append(".wide{display:block;overflow-x:auto}")
                .append("code{font-size:95%;overflow-wrap:anywhere;background:#f6f6f6;padding:0 2px}")
                .append("img{max-width:100%;height:auto;border:1px solid #ddd}figure{margin:1em 0}")
                .append("figcaption{color:#555;font-size:90%}.note{background:#fff8e1;padding:8px 12px;")
                .append("border-left:4px solid #f0ad4e}\n</style></head><body>\n");
        b.append("<h1>losses4j ").append(esc(s.command())).append("</h1>\n");
        b.append("<p><b>").append(esc(s.testLine())).append("</b></p>\n");

        RunSummary.Header h = s.header();
        b.append("<h2>Reproduce</h2>\n<table>\n");
        row(b, "command line", "<code>" + esc(h.commandLine()) + "</code>");
        row(b, "losses4j", esc(h.version()));
        row(b, "Java", esc(h.java()));
        row(b, "date (UTC)", esc(h.date()));
        row(b, "seed", esc(h.seed()));
        row(b, "split seed", esc(h.splitSeed()));
        DataFile f = h.dataFile();
        row(b, "data file", "<code>" + esc(f.name()) + "</code>"
                + (f.bundled() ? " (the file bundled with losses4j)" : "") + ", " + esc(f.bytes()) + " bytes");
        row(b, "SHA-256", "<code>" + esc(f.sha256()) + "</code>");
        b.append("</table>\n");

        b.append("<h2>Training</h2>\n");
        table(b, s.training());
        b.append("<h3>Last epoch</h3>\n");
        table(b, s.finalEpoch());
        b.append("<h3>Test set</h3>\n");
        table(b, s.test());
        b.append(img(images, "loss.png", "Loss per epoch"));
        b.append(img(images, "mae.png", "Mean absolute error per epoch"));

        RunSummary.Diagnostics d = s.diagnostics();
        b.append("<h2>Diagnostics on the test set</h2>\n<p>Residual = actual − predicted, for the ")
                .append(d.actual().length).append(" test samples. ");
        if (Double.isNaN(d.band())) {
            b.append(esc(d.noBand())).append(".");
        } else {
            boolean roughly = s.config().get("loss").equals("pseudo_huber");
            b.append("Within ").append(esc(d.bandLabel().replace("+/-", "±").replaceFirst(" \\(.*\\)$", "")))
                    .append(" the loss grows ").append(roughly ? "about " : "").append("quadratically, beyond it ")
                    .append(roughly ? "about " : "").append("linearly: a large residual pulls on the fit no harder ")
                    .append("than a moderate one. ").append(d.beyondBand()).append(" of ").append(d.actual().length)
                    .append(" residuals lie beyond it.");
        }
        b.append("</p>\n");
        b.append(img(images, "predicted_vs_actual.png", "Predicted against actual, with the identity line"));
        b.append(img(images, "residuals.png", "Residuals against prediction"));
        b.append(img(images, "residual_histogram.png", Double.isNaN(d.band()) ? "Histogram of the residuals"
                : "Histogram of the residuals, the band marked"));

        b.append("<h2>Targets</h2>\n<p>Quartiles by numpy's linear method; Tukey fences at 1.5 IQR.</p>\n");
        Map<String, Object> targets = s.targets();
        b.append("<table class=\"wide\"><tr><th>part</th>");
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
        table(b, s.config());
        b.append("<h2>Model</h2>\n");
        table(b, s.model());
        b.append("<h2>Data</h2>\n");
        table(b, s.data());
        if (provenance != null) {
            b.append("<section class=\"note\">\n").append(markdown(provenance, 3)).append("</section>\n");
        }
        b.append("<p style=\"color:#777\">Generated by losses4j. Every number, the full history and the test ")
                .append("predictions are in summary.json.</p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static final Pattern INLINE = Pattern.compile(
            "`([^`]+)`|\\*\\*([^*]+)\\*\\*|\\*([^*\\s][^*]*)\\*|\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    /**
     * The small Markdown of the bundled notes as HTML: ATX headings (shifted so that "#" becomes
     * {@code <h[top]>}), paragraphs, "*" or "-" bullet lists, and inline code, bold, italics and links.
     */
    static String markdown(String md, int top) {
        StringBuilder b = new StringBuilder();
        StringBuilder para = new StringBuilder();
        boolean list = false;
        for (String raw : (md + "\n").split("\n", -1)) {
            String line = raw.strip();
            boolean item = line.startsWith("* ") || line.startsWith("- ");
            boolean heading = line.startsWith("#");
            boolean continuation = !line.isEmpty() && !item && !heading && raw.startsWith("  ") && list;
            if (continuation) {
                b.setLength(b.length() - "</li>\n".length());
                b.append(' ').append(inline(line)).append("</li>\n");
                continue;
            }
            if (para.length() > 0 && (line.isEmpty() || item || heading)) {
                b.append("<p>").append(inline(para.toString().strip())).append("</p>\n");
                para.setLength(0);
            }
            if (list && !item) {
                b.append("</ul>\n");
                list = false;
            }
            if (heading) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                int hl = Math.min(6, top + level - 1);
                b.append("<h").append(hl).append('>').append(inline(line.substring(level).strip())).append("</h")
                        .append(hl).append(">\n");
            } else if (item) {
                if (!list) {
                    b.append("<ul>\n");
                    list = true;
                }
                b.append("<li>").append(inline(line.substring(2).strip())).append("</li>\n");
            } else if (!line.isEmpty()) {
                para.append(line).append(' ');
            }
        }
        return b.toString();
    }

    private static String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (m.find()) {
            b.append(esc(text.substring(at, m.start())));
            if (m.group(1) != null) {
                b.append("<code>").append(esc(m.group(1))).append("</code>");
            } else if (m.group(2) != null) {
                b.append("<b>").append(esc(m.group(2))).append("</b>");
            } else if (m.group(3) != null) {
                b.append("<i>").append(esc(m.group(3))).append("</i>");
            } else {
                b.append("<a href=\"").append(esc(m.group(5))).append("\">").append(esc(m.group(4))).append("</a>");
            }
            at = m.end();
        }
        return b.append(esc(text.substring(at))).toString();
    }
}

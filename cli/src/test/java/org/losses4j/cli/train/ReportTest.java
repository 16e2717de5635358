package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Version;
import org.losses4j.nn.data.BostonHousing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** report.html and summary.json as a user keeps them: reproducible, with diagnostics, readable. */
class ReportTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Pattern IMG = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\">");
    private static final Pattern TD = Pattern.compile("<td>([^<]*)</td>");

    @TempDir
    Path tmp;

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The images of a report, decoded; each must be a PNG that Java's decoder reads. */
    static List<BufferedImage> images(String html) throws Exception {
        List<BufferedImage> l = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(2));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(im).as(m.group(1)).isNotNull();
            l.add(im);
        }
        return l;
    }

    @Test
    void bostonReportCarriesTheReproducibilityHeaderDiagnosticsAndProvenance() throws Exception {
        Path out = tmp.resolve("b");
        CliRun r = CliRun.run("boston", "--epochs", "2", "--seed", "7", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode s = M.readTree(out.resolve("summary.json").toFile());
        String sha = sha256(BostonHousing.csvBytes());

        // reproducibility header, the same in summary.json and report.html
        JsonNode run = s.get("run");
        assertThat(run.get("losses4j").asText()).isEqualTo(Version.version());
        assertThat(run.get("command_line").asText()).isEqualTo("losses4j boston --epochs 2 --seed 7 --out " + out);
        assertThat(run.get("seed").asLong()).isEqualTo(7);
        assertThat(run.get("split_seed").asLong()).isEqualTo(113);
        assertThat(run.get("java").asText()).startsWith(Runtime.version().toString());
        assertThat(run.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(run.at("/data_file/name").asText()).isEqualTo("boston.csv");
        assertThat(run.at("/data_file/bundled").asBoolean()).isTrue();
        assertThat(run.at("/data_file/bytes").asLong()).isEqualTo(BostonHousing.csvBytes().length);
        assertThat(run.at("/data_file/sha256").asText()).isEqualTo(sha);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h2>Reproduce</h2>").contains(Report.esc(run.get("command_line").asText()))
                .contains(sha).contains("the file bundled with losses4j").contains(Report.esc(run.get("java").asText()))
                .contains(run.get("date").asText());

        // diagnostics: the predictions are the model's on the test set (their MAE is the test MAE)
        JsonNode d = s.get("diagnostics");
        double[] actual = M.convertValue(d.get("actual"), double[].class);
        double[] predicted = M.convertValue(d.get("predicted"), double[].class);
        assertThat(actual).hasSize(102);
        assertThat(predicted).hasSize(102);
        double mae = 0;
        int beyond = 0;
        for (int i = 0; i < actual.length; i++) {
            mae += Math.abs(actual[i] - predicted[i]) / actual.length;
            beyond += Math.abs(actual[i] - predicted[i]) > 1.5 ? 1 : 0;
        }
        assertThat(mae).isCloseTo(s.at("/test/mae").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(d.get("band").asDouble()).isEqualTo(1.5);
        assertThat(d.get("beyond_band").asInt()).isEqualTo(beyond);
        for (String png : List.of("predicted_vs_actual.png", "residuals.png", "residual_histogram.png")) {
            assertThat(out.resolve(png)).exists();
            assertThat(s.get("outputs").toString()).contains(png);
        }
        List<BufferedImage> images = images(html);
        assertThat(images).hasSize(6);
        assertThat(html).contains("Diagnostics on the test set").contains("Predicted against actual")
                .contains("Residuals against prediction").contains("Histogram of the residuals")
                .contains(beyond + " of 102 residuals lie beyond it");

        // provenance as a section, not a Markdown dump
        assertThat(html).doesNotContain("<pre").doesNotContain("## ").doesNotContain("**");
        assertThat(html).contains("<h4>Ethics note</h4>").contains("<h4>Where it comes from</h4>")
                .contains("<li>");

        // tables round to 4 significant digits; the test line keeps every digit
        Matcher m = TD.matcher(html);
        int numbers = 0;
        while (m.find()) {
            String v = m.group(1);
            if (v.matches("-?[0-9]+\\.[0-9]+")) {
                numbers++;
                assertThat(new BigDecimal(v).stripTrailingZeros().precision()).as(v).isLessThanOrEqualTo(4);
            }
        }
        assertThat(numbers).isGreaterThan(20);
        String exact = "Test results - Loss: " + s.at("/test/loss").asDouble() + " - MAE: " + s.at("/test/mae").asDouble();
        assertThat(r.out).contains(exact);
        assertThat(html).contains(exact);
    }

    @Test
    void aLossWithoutQuadraticZoneSaysSoAndTrainNamesItsFile() throws Exception {
        Path data = tmp.resolve("my data.csv");
        StringBuilder b = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            b.append(i % 7).append(',').append(i % 3).append(',').append(2 * (i % 7) - (i % 3)).append('\n');
        }
        Files.writeString(data, b);
        Path out = tmp.resolve("t");
        CliRun r = CliRun.run("train", "--data", data.toString(), "--target", "y", "--loss", "mse_loss", "--epochs",
                "2", "--validation-split", "0", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode s = M.readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/run/command_line").asText()).isEqualTo("losses4j train --data '" + data
                + "' --target y --loss mse_loss --epochs 2 --validation-split 0 --out " + out);
        assertThat(s.at("/run/data_file/name").asText()).isEqualTo(data.toString());
        assertThat(s.at("/run/data_file/bundled").asBoolean()).isFalse();
        assertThat(s.at("/run/data_file/bytes").asLong()).isEqualTo(Files.size(data));
        assertThat(s.at("/run/data_file/sha256").asText()).isEqualTo(sha256(Files.readAllBytes(data)));
        assertThat(s.at("/diagnostics/band").isNull()).isTrue();
        assertThat(s.at("/diagnostics/no_band").asText()).isEqualTo("mse_loss has no quadratic zone, so no band is "
                + "drawn");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("mse_loss has no quadratic zone, so no band is drawn");
        assertThat(images(html)).hasSize(6);
    }

    @Test
    void curveTitlesNameOnlyTheCurvesDrawn() {
        assertThat(Plots.curvesTitle("Huber loss (delta = 1.5)", "loss", false))
                .isEqualTo("Huber loss (delta = 1.5): training loss");
        assertThat(Plots.curvesTitle("Mean absolute error", "MAE", true))
                .isEqualTo("Mean absolute error: training and validation MAE");
    }

    @Test
    void huberFamilyLossesHaveABandOthersNot() {
        org.losses4j.loss.LossRegistry reg = org.losses4j.loss.LossRegistry.standard();
        assertThat(TrainingJob.bandParameter(reg.create("huber_loss"))).isEqualTo("delta");
        assertThat(TrainingJob.bandParameter(reg.create("smooth_l1_loss"))).isEqualTo("beta");
        assertThat(TrainingJob.bandParameter(reg.create("pseudo_huber"))).isEqualTo("delta");
        assertThat(TrainingJob.bandParameter(reg.create("l1_loss"))).isNull();
        assertThat(TrainingJob.bandParameter(reg.create("log_cosh"))).isNull();
    }

    @Test
    void numbersInTablesHaveFourSignificantDigits() {
        assertThat(Report.num(3.5196362803964054)).isEqualTo("3.52");
        assertThat(Report.num(4.27364600055358)).isEqualTo("4.274");
        assertThat(Report.num(1234.5678)).isEqualTo("1235");
        assertThat(Report.num(0.00012345)).isEqualTo("0.0001234");
        assertThat(Report.num(1e-7)).isEqualTo("1.000e-07");
        assertThat(Report.num(0.0)).isEqualTo("0");
        assertThat(Report.num(404)).isEqualTo("404");
    }

    @Test
    void markdownBecomesHeadingsParagraphsAndLists() {
        String h = Report.markdown("# Title\n\nSome `code` and **bold**,\nwrapped.\n\n- one\n  continued\n- two "
                + "[link](https://example.org)\n\n## Next\n", 3);
        assertThat(h).isEqualTo("<h3>Title</h3>\n<p>Some <code>code</code> and <b>bold</b>, wrapped.</p>\n<ul>\n"
                + "<li>one continued</li>\n<li>two <a href=\"https://example.org\">link</a></li>\n</ul>\n"
                + "<h4>Next</h4>\n");
    }
}

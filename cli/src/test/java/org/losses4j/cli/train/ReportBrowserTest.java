package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * report.html in a real browser: headless Chromium renders it offline at a desktop and at a phone width, and a
 * script appended to a copy of the report (report-check.js) says whether every image decoded and whether anything
 * reaches beyond the window. Skipped, with a message, where no Chromium is installed ({@code apt-get install
 * chromium} on Debian; or set {@code LOSSES4J_CHROMIUM} to the browser's path). tools/report/check-report.sh runs
 * the same check on any report.
 */
class ReportBrowserTest {
    private static final Pattern RESULT = Pattern.compile("<pre id=\"losses4j-check\">([^<]*)</pre>");

    @TempDir
    Path tmp;

    /** The Chromium to use: $LOSSES4J_CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH. */
    static Optional<Path> chromium() {
        String env = System.getenv("LOSSES4J_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Renders {@code page} at {@code width} px and returns what report-check.js found. */
    private JsonNode render(Path browser, Path page, int width) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-proxy-server", "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + ",900",
                "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium-" + width + ".err").toFile())
                .start();
        String dom;
        try (InputStream in = p.getInputStream()) {
            dom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        Matcher m = RESULT.matcher(dom);
        assertThat(m.find()).as("the check ran in the page (chromium exit %d, %s)", p.exitValue(),
                Files.readString(tmp.resolve("chromium-" + width + ".err"))).isTrue();
        String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    @Test
    void everyImageLoadsAndNothingOverflowsAtDesktopAndPhoneWidths() throws Exception {
        Optional<Path> browser = chromium();
        Assumptions.assumeTrue(browser.isPresent(), "headless Chromium not found (chromium on the PATH, or "
                + "LOSSES4J_CHROMIUM): the browser check of report.html is skipped");
        Path out = tmp.resolve("boston");
        CliRun r = CliRun.run("boston", "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String script;
        try (InputStream in = getClass().getResourceAsStream("report-check.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path page = tmp.resolve("check.html");
        Files.writeString(page, Files.readString(out.resolve("report.html")) + "<script>\n" + script + "</script>\n");
        for (int width : new int[] {1280, 420}) {
            JsonNode res = render(browser.get(), page, width);
            assertThat(res.get("images")).as("images at %d px", width).hasSize(6);
            for (JsonNode im : res.get("images")) {
                assertThat(im.get("loaded").asBoolean()).as("%s loads", im.get("alt")).isTrue();
                assertThat(im.get("naturalWidth").asInt()).isEqualTo(Plots.WIDTH);
                assertThat(im.get("right").asInt()).as("%s fits the window", im.get("alt"))
                        .isLessThanOrEqualTo(res.get("width").asInt());
            }
            assertThat(res.get("overflow")).as("elements beyond the window at %d px: %s", width, res.get("overflow"))
                    .isEmpty();
            assertThat(res.get("pageWidth").asInt()).as("no horizontal scrolling at %d px", width)
                    .isLessThanOrEqualTo(res.get("width").asInt());
        }
    }
}

package org.losses4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The complete examples of docs/INTEGRATIONS.md compile (they are copies) and run. */
class DocumentationExamplesTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void theExamplesAreTheDocumentsCode() throws Exception {
        String doc = Files.readString(Path.of("../docs/INTEGRATIONS.md"));
        for (String name : new String[] {"HuberBoosting", "HuberLinear"}) {
            String source = Files.readString(Path.of("src/test/java/org/losses4j/examples/" + name + ".java"));
            String body = source.substring(source.indexOf("import "));
            assertThat(doc).as(name).contains(body);
        }
    }

    @Test
    void xgboostExampleTrains() throws Exception {
        String out = run(() -> HuberBoosting.main(new String[0]));
        String[] parts = out.trim().split("\\s+");
        assertThat(Integer.parseInt(parts[0])).isBetween(0, 499);
        assertThat(Float.parseFloat(parts[1])).isBetween(0f, 5f); // near the clean labels, not pulled to 40
    }

    @Test
    void tribuoExampleTrains() throws Exception {
        String out = run(() -> HuberLinear.main(new String[0]));
        assertThat(out).contains("huber_loss").contains("delta");
        String first = out.lines().findFirst().orElseThrow();
        assertThat(Double.parseDouble(first)).isBetween(0.0, 5.0);
    }
}

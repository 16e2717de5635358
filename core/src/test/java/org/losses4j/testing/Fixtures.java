package org.losses4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The golden fixtures generated from PyTorch by {@code tools/fixtures/generate.py}, one JSON line per case:
 * {@code {"case": name, "request": {...}, "expect": {"value":..., "grad":...} | {"error": true, "mentions": [...]}}}.
 */
public final class Fixtures {
    /** The fixture files, one per loss family, under {@code fixtures/} on the test class path. */
    public static final List<String> FAMILIES = List.of("regression", "classification", "classification_extra", "ranking",
            "reinforcement", "delta");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** One case. */
    public record Case(String family, String name, Map<String, Object> request, Map<String, Object> expect) {
        /** Whether the case expects an error. */
        public boolean expectsError() {
            return Boolean.TRUE.equals(expect.get("error"));
        }

        /** The loss name of the request. */
        public String loss() {
            return String.valueOf(request.get("loss"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every case of every family file present on the class path. */
    public static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String f : FAMILIES) {
            out.addAll(family(f));
        }
        return out;
    }

    /** The cases of one family (empty if its file does not exist yet). */
    @SuppressWarnings("unchecked")
    public static List<Case> family(String family) {
        List<Case> out = new ArrayList<>();
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + family + ".jsonl")) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = JSON.readValue(line, Map.class);
                out.add(new Case(family, (String) m.get("case"), (Map<String, Object>) m.get("request"),
                        (Map<String, Object>) m.get("expect")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Checks a protocol response against a case's expectation; returns the problems (empty when it agrees).
     */
    @SuppressWarnings("unchecked")
    public static List<String> check(Case c, Map<String, Object> response) {
        List<String> problems = new ArrayList<>();
        if (c.expectsError()) {
            Object err = response.get("error");
            if (!(err instanceof String)) {
                problems.add("expected an error, got " + response);
                return problems;
            }
            String msg = (String) err;
            if (!msg.startsWith(c.loss() + ": ") && !msg.startsWith("unknown loss")
                    && !msg.startsWith("request")) {
                problems.add("error message does not start with the loss name '" + c.loss() + ": ': " + msg);
            }
            if (msg.contains("\n")) {
                problems.add("error message is not one line: " + msg);
            }
            for (Object m : (List<Object>) c.expect().getOrDefault("mentions", List.of())) {
                if (!msg.contains(String.valueOf(m))) {
                    problems.add("error message does not mention '" + m + "': " + msg);
                }
            }
            return problems;
        }
        if (response.containsKey("error")) {
            problems.add("unexpected error: " + response.get("error"));
            return problems;
        }
        for (String p : Nested.mismatches(c.expect().get("value"), response.get("value"))) {
            problems.add("value" + p);
        }
        List<Object> tol = (List<Object>) c.expect().get("value_tol");
        if (tol != null) {
            double rtol = ((Number) tol.get(0)).doubleValue();
            double atol = ((Number) tol.get(1)).doubleValue();
            for (String p : Nested.mismatches(c.expect().get("value"), response.get("value"), rtol, atol)) {
                problems.add("value (value_tol " + rtol + ", " + atol + ")" + p);
            }
        }
        Map<String, Object> eg = (Map<String, Object>) c.expect().get("grad");
        Map<String, Object> ag = (Map<String, Object>) response.get("grad");
        List<Object> gtol = (List<Object>) c.expect().get("grad_tol");
        if (eg != null) {
            for (Map.Entry<String, Object> e : eg.entrySet()) {
                Object a = ag == null ? null : ag.get(e.getKey());
                for (String p : Nested.mismatches(e.getValue(), a)) {
                    problems.add("grad." + e.getKey() + p);
                }
                if (gtol != null) {
                    double rtol = ((Number) gtol.get(0)).doubleValue();
                    double atol = ((Number) gtol.get(1)).doubleValue();
                    for (String p : Nested.mismatches(e.getValue(), a, rtol, atol)) {
                        problems.add("grad." + e.getKey() + " (grad_tol " + rtol + ", " + atol + ")" + p);
                    }
                }
            }
        }
        return problems;
    }
}

package org.losses4j.cli.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import org.losses4j.cli.Json;
import org.losses4j.protocol.RequestEvaluator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-lines loop of {@code losses4j eval --jsonl} (shared/spec/JSONL.md): one request per line in, one
 * response per line out, in order. A bad line (malformed JSON, unknown loss, bad shape, ...) is answered with
 * {@code error} and the stream goes on. Blank lines are skipped.
 */
public final class JsonlEvaluator {
    private final RequestEvaluator evaluator = new RequestEvaluator();

    /** Counts of one run. */
    public record Counts(long requests, long errors) {
    }

    /**
     * Answers every line of {@code in} on {@code out}.
     *
     * @param flushEachLine flush after every response (for interactive pipes)
     * @throws IOException only when the input cannot be read or the output written
     */
    public Counts run(BufferedReader in, Writer out, boolean flushEachLine) throws IOException {
        long requests = 0;
        long errors = 0;
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            requests++;
            String response = answer(line, lineNo);
            if (response.startsWith("{\"error\"") || response.contains(",\"error\":")) {
                errors++;
            }
            out.write(response);
            out.write('\n');
            if (flushEachLine) {
                out.flush();
            }
        }
        out.flush();
        return new Counts(requests, errors);
    }

    /** The response line (without newline) to one request line. */
    @SuppressWarnings("unchecked")
    public String answer(String line, long lineNo) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            response.put("error", "request: malformed JSON on line " + lineNo
                    + (loc != null && loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "") + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
            return write(response);
        }
        if (tree != null && tree.isObject() && tree.has("id")) {
            response.set("id", tree.get("id"));
        }
        Map<String, Object> result;
        if (tree == null || !tree.isObject()) {
            result = Map.of("error", "request: a request must be a JSON object, got "
                    + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        } else {
            Object req = Json.MAPPER.convertValue(tree, Map.class);
            result = evaluator.evaluate(req);
        }
        for (Map.Entry<String, Object> e : result.entrySet()) {
            response.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
        }
        return write(response);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"internal error: cannot write the response\"}";
        }
    }
}

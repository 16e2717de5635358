package org.losses4j.cli.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.losses4j.cli.Json;
import org.losses4j.cli.io.Utf8Lines;
import org.losses4j.protocol.RequestEvaluator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-lines loop of {@code losses4j eval --jsonl} (docs/PROTOCOL.md): one request per line in, one
 * response per line out, in order, each written out as soon as it is answered. A bad line (not UTF-8, malformed
 * JSON, a duplicate key, a number beyond float64, unknown loss, bad shape, a line longer than the limit, ...) is
 * answered with {@code error} and the stream goes on. A blank line is answered with an error too, so that the n-th
 * response always answers the n-th line (clients that send no ids count on that). A byte order mark before the first
 * line is ignored.
 */
public final class JsonlEvaluator {
    /** Trees of one JSON value; what follows it on the line is checked here, with a message of our own. */
    private static final ObjectReader TREE = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RequestEvaluator evaluator = new RequestEvaluator();
    private final int maxLineBytes;

    /** Lines of at most {@link Utf8Lines#DEFAULT_MAX_LINE_BYTES} bytes. */
    public JsonlEvaluator() {
        this(Utf8Lines.DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Lines of at most {@code maxLineBytes} bytes; a longer line is answered with an error, never held whole.
     *
     * @param maxLineBytes the longest line kept, in bytes
     */
    public JsonlEvaluator(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Counts of one run; {@code outputFailed} when writing a response failed and the run stopped there. */
    public record Counts(long requests, long errors, boolean outputFailed) {
    }

    /** The response line to one request (without newline), and whether it answers with {@code error}. */
    public record Answer(String json, boolean error) {
    }

    /**
     * Answers every line of {@code in} on {@code out}, flushing after each response. Stops early, with
     * {@link Counts#outputFailed()}, as soon as {@code out} reports an error (standard output closed or full).
     *
     * @param in the requests, one per line
     * @param out where the responses go
     * @return the counts of requests and errors
     * @throws IOException only when the input cannot be read
     */
    public Counts run(InputStream in, PrintWriter out) throws IOException {
        long requests = 0;
        long errors = 0;
        Utf8Lines lines = new Utf8Lines(in, maxLineBytes);
        for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
            requests++;
            Answer a;
            if (line.tooLong()) {
                a = error("request: line " + line.number() + " is " + line.length() + " bytes long, over the limit of "
                        + maxLineBytes + " bytes per request; split it into smaller requests");
            } else if (!line.valid()) {
                a = error("request: line " + line.number() + " is not valid UTF-8 (" + line.invalid() + ")");
            } else if (line.text().isBlank()) {
                a = error("request: line " + line.number() + " is blank; every line must be one request (a JSON "
                        + "object)");
            } else {
                a = answer(line.text(), line.number());
            }
            if (a.error()) {
                errors++;
            }
            out.write(a.json());
            out.write('\n');
            if (out.checkError()) { // flushes; true once the output is closed or full
                return new Counts(requests, errors, true);
            }
        }
        return new Counts(requests, errors, out.checkError());
    }

    /**
     * The response to one request line.
     *
     * @param line the request line
     * @param lineNo its line number, for messages
     * @return the response to one request line
     */
    public Answer answer(String line, long lineNo) {
        JsonNode tree;
        try (JsonParser p = new FiniteNumbers(Json.MAPPER.createParser(line))) {
            try {
                tree = TREE.readTree(p);
            } catch (NumberOverflow e) {
                return error("request: " + e.getOriginalMessage() + " on line " + lineNo);
            } catch (JsonProcessingException e) {
                // limits (nesting, number length) carry no location: where the parser stopped is close enough
                return error(malformed(e, lineNo, e.getLocation() != null ? e.getLocation() : p.currentLocation()));
            }
            try {
                if (p.nextToken() != null) {
                    return error("request: malformed JSON on line " + lineNo + at(p.currentTokenLocation())
                            + ": unexpected text after the JSON value");
                }
            } catch (JsonProcessingException e) {
                return error("request: malformed JSON on line " + lineNo + at(e.getLocation())
                        + ": unexpected text after the JSON value");
            }
        } catch (IOException e) {
            return error("request: malformed JSON on line " + lineNo);
        }
        JsonNode id = tree != null && tree.isObject() ? tree.get("id") : null;
        Map<String, Object> result;
        if (tree == null || !tree.isObject()) {
            result = Map.of("error", "request: a request must be a JSON object, got "
                    + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(Locale.ROOT)));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> req = Json.MAPPER.convertValue(tree, Map.class);
            result = evaluator.evaluate(req);
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        if (id != null) {
            response.set("id", id);
        }
        for (Map.Entry<String, Object> e : result.entrySet()) {
            response.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
        }
        // counted from the evaluator's result, never by looking at the response text (an id may hold "error")
        return new Answer(write(response), result.containsKey("error"));
    }

    /** A number written with digits whose value is beyond float64 ({@code 1e400}), where it is. */
    private static final class NumberOverflow extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        NumberOverflow(String message, JsonLocation loc) {
            super(message, loc);
        }
    }

    /**
     * A parser that refuses a number written with digits beyond float64's range (which Jackson reads as an
     * infinity, silently), naming the field: the command line refuses {@code --input 1e400} too. The names
     * {@code NaN} and {@code Infinity} (Python's json module writes them) stay accepted.
     */
    private static final class FiniteNumbers extends com.fasterxml.jackson.core.util.JsonParserDelegate {
        FiniteNumbers(JsonParser d) {
            super(d);
        }

        @Override
        public double getDoubleValue() throws IOException {
            double v = super.getDoubleValue();
            if (Double.isInfinite(v)) {
                String text = getText();
                if (!org.losses4j.cli.io.Numbers.isNonFiniteName(text)) {
                    throw new NumberOverflow("the number " + text + " in " + path(getParsingContext()) + " is beyond "
                            + org.losses4j.cli.io.Numbers.FLOAT64_RANGE, currentTokenLocation());
                }
            }
            return v;
        }

        @Override
        public float getFloatValue() throws IOException {
            getDoubleValue(); // the same check
            return super.getFloatValue();
        }

        @Override
        public Number getNumberValue() throws IOException {
            if (currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
                getDoubleValue();
            }
            return super.getNumberValue();
        }

        /** Where the parser is, as a person writes it: {@code inputs.input[2]}. */
        private static String path(com.fasterxml.jackson.core.JsonStreamContext c) {
            StringBuilder b = new StringBuilder();
            java.util.ArrayDeque<com.fasterxml.jackson.core.JsonStreamContext> chain = new java.util.ArrayDeque<>();
            for (com.fasterxml.jackson.core.JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
                chain.push(x);
            }
            for (com.fasterxml.jackson.core.JsonStreamContext x : chain) {
                if (x.inObject()) {
                    b.append(b.length() == 0 ? "" : ".").append(x.getCurrentName());
                } else if (x.inArray()) {
                    b.append('[').append(Math.max(0, x.getCurrentIndex())).append(']');
                }
            }
            return b.length() == 0 ? "the request" : "'" + b + "'";
        }
    }

    private static Answer error(String message) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("error", message);
        return new Answer(write(response), true);
    }

    private static String at(JsonLocation loc) {
        return loc != null && loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "";
    }

    // Jackson's messages, to be said in short
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile(
            "^Unexpected character \\('(.*?)' \\(code (\\d+)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*?)'");
    private static final Pattern CTRL_CHAR = Pattern.compile(
            "^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.*?)'");
    private static final Pattern NESTING = Pattern.compile(
            "nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern TOO_LONG = Pattern.compile(
            "^(Number|String|Name) value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    /** A short message for a JSON syntax error: the line, the column and what is wrong, no parser internals. */
    static String malformed(JsonProcessingException e, long lineNo, JsonLocation loc) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = " on line " + lineNo + at(loc);
        Matcher d = DUPLICATE.matcher(m);
        if (d.find()) {
            return "request: duplicate key '" + d.group(1) + "'" + where;
        }
        return "request: malformed JSON" + where + ": " + syntax(e, m);
    }

    private static String syntax(JsonProcessingException e, String m) {
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "the line ends before the JSON value is complete";
        }
        Matcher x = UNEXPECTED_CHAR.matcher(m);
        if (x.find()) {
            int code = Integer.parseInt(x.group(2));
            String c = code >= 0x20 && code < 0x7f ? "'" + x.group(1) + "'"
                    : String.format(Locale.ROOT, "U+%04X", code);
            return "unexpected character " + c + expected(m);
        }
        x = UNRECOGNIZED.matcher(m);
        if (x.find()) {
            return "unrecognized word '" + x.group(1) + "'" + expected(m);
        }
        x = CTRL_CHAR.matcher(m);
        if (x.find()) {
            return String.format(Locale.ROOT, "control character U+%04X in a string must be escaped",
                    Integer.parseInt(x.group(1)));
        }
        x = ESCAPE.matcher(m);
        if (x.find()) {
            return "unknown escape '\\" + x.group(1) + "' in a string";
        }
        x = NESTING.matcher(m);
        if (x.find()) {
            return "nested deeper than " + x.group(2) + " levels";
        }
        x = TOO_LONG.matcher(m);
        if (x.find()) {
            return x.group(1).toLowerCase(Locale.ROOT) + " longer than " + x.group(3) + " characters";
        }
        if (m.startsWith("Invalid numeric value: ")) {
            return "invalid number: " + lowerFirst(m.substring("Invalid numeric value: ".length()));
        }
        // anything else: the parser's own words, cut before any reference to its internals
        String s = m.replaceAll("\\s+", " ");
        for (String cut : new String[] {" (from `", " at [Source", "`", " (bound as", "; line:"}) {
            int i = s.indexOf(cut);
            if (i > 0) {
                s = s.substring(0, i);
            }
        }
        return lowerFirst(s.replaceAll("com\\.fasterxml\\S*", "").trim());
    }

    /** What the parser expected instead, in short. */
    private static String expected(String m) {
        if (m.contains("expected a valid value") || m.contains("was expecting (JSON String")) {
            return "; expected a JSON value";
        }
        if (m.contains("was expecting double-quote to start field name")) {
            return "; expected a key in double quotes";
        }
        if (m.contains("was expecting comma to separate Object entries")) {
            return "; expected ',' or '}'";
        }
        if (m.contains("was expecting comma to separate Array entries")) {
            return "; expected ',' or ']'";
        }
        if (m.contains("was expecting a colon to separate field name and value")) {
            return "; expected ':'";
        }
        return "";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"internal error: cannot write the response\"}";
        }
    }
}

package org.losses4j.cli.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.cli.Errors;
import org.losses4j.cli.Errors.CliException;
import org.losses4j.cli.Json;
import org.losses4j.cli.OutputOptions;
import org.losses4j.cli.Tensors;
import org.losses4j.cli.Values;
import org.losses4j.cli.io.NumericCsv;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.ParameterSpec;
import org.losses4j.protocol.RequestEvaluator;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code losses4j eval}: a loss and its gradients on numbers given on the command line, on columns of a CSV file, or
 * on a stream of JSON-lines requests.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a loss and its gradients.", "",
            "  losses4j eval --loss l1_loss --input 2.5,4.8,6.9,9.5 --target 3,5,7,9",
            "  losses4j eval --loss cross_entropy --input '[[0.1,0.2,0.7]]' --target '[2]'     (a batch of one)",
            "  losses4j eval --loss huber_loss -p delta=1.5 --csv preds.csv --column input=yhat "
                + "--column target=y --grad",
            "  losses4j eval --loss huber_loss -p delta=1.5 --data preds.csv --input pred --target y",
            "      (streams a file of any size; --by COLUMN for one value per group)",
            "  losses4j eval --jsonl requests.jsonl > responses.jsonl     (protocol: docs/PROTOCOL.md)",
            "  losses4j eval --jsonl - < requests.jsonl", ""})
public final class EvalCommand implements java.util.concurrent.Callable<Integer> {
    CommandSpec spec;

    /** picocli's model of this command; its help ends with every loss's parameters, from the registry. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.usageMessage().footer(parametersFooter(spec.usageMessage().width()));
    }

    /**
     * The help's last section: each loss with parameters and their defaults ({@code huber_loss  delta=1.0}), read
     * from the losses' declarations, lines wrapped at {@code width} columns.
     */
    static String[] parametersFooter(int width) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Loss parameters for -p, with their defaults ('losses4j list LOSS' for more):");
        int w = 2 + LossRegistry.standard().list().stream().mapToInt(i -> i.name().length()).max().orElse(0) + 2;
        for (LossInfo i : LossRegistry.standard().list()) {
            if (i.parameterList().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("  %-" + (w - 2) + "s", i.name()));
            List<ParameterSpec> ps = i.parameterList();
            for (int k = 0; k < ps.size(); k++) {
                String item = ps.get(k) + (k + 1 < ps.size() ? "," : "");
                if (line.length() + 1 + item.length() > width && line.length() > w) {
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder(" ".repeat(w));
                } else if (line.length() > w) {
                    line.append(' ');
                }
                line.append(item);
            }
            lines.add(line.toString());
        }
        return lines.toArray(new String[0]);
    }

    @Option(names = "--jsonl", paramLabel = "FILE|-",
            description = "Answer JSON-lines requests from FILE (or - for standard input), one response per line.")
    String jsonl;

    @Option(names = {"-l", "--loss"}, paramLabel = "NAME", description = "The loss (see 'losses4j list').")
    String loss;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A loss parameter, e.g. delta=1.5, log_input=false, weight=1,2,0.5 (repeatable, each name "
                    + "once).")
    List<String> params = new ArrayList<>();

    @Option(names = {"-r", "--reduction"}, paramLabel = "R",
            description = "none, mean, sum or batchmean (default: the loss's default).")
    String reduction;

    @Option(names = "--input", paramLabel = "VALUES", description = "The input values, comma-separated (a vector), "
            + "or a JSON array for any shape, e.g. '[[0.1,0.2,0.7]]'.")
    String input;

    @Option(names = "--target", paramLabel = "VALUES", description = "The target values, as --input; integers only "
            + "make class indices, e.g. '[2]'.")
    String target;

    @Option(names = {"-t", "--tensor"}, paramLabel = "NAME=VALUES",
            description = "Another input by name, e.g. var=0.5,1,2 (repeatable, each name once).")
    List<String> tensors = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Read the inputs from columns of a CSV file.")
    Path csv;

    @Option(names = {"-c", "--column"}, paramLabel = "INPUT=COLUMN",
            description = "With --csv: which column feeds which input, e.g. input=yhat (repeatable, each input once).")
    List<String> columns = new ArrayList<>();

    @Option(names = {"-g", "--grad"}, description = "Also print the gradient with respect to every "
            + "differentiable input given.")
    boolean grad;

    @Option(names = "--data", paramLabel = "FILE", description = "Stream a CSV file of any size in constant memory: "
            + "--input, --target and --tensor NAME=COLUMN then name its columns; an element-wise loss, reduction "
            + "mean or sum.")
    Path data;

    @Option(names = "--by", paramLabel = "COLUMN", description = "With --data: one value per distinct value of "
            + "COLUMN (any text), in the order first seen.")
    String by;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (jsonl != null) {
            List<String> given = new ArrayList<>();
            for (Object[] o : new Object[][] {{"--loss", loss != null}, {"--param", !params.isEmpty()},
                {"--reduction", reduction != null}, {"--input", input != null}, {"--target", target != null},
                {"--tensor", !tensors.isEmpty()}, {"--csv", csv != null}, {"--column", !columns.isEmpty()},
                {"--grad", grad}, {"--data", data != null}, {"--by", by != null}, {"--json", output.json},
                {"--quiet", output.quiet}}) {
                if ((Boolean) o[1]) {
                    given.add((String) o[0]);
                }
            }
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("--jsonl takes every setting from the requests and always "
                        + "answers in JSON lines; do not combine it with " + String.join(", ", given));
            }
            if (jsonl.isEmpty()) {
                throw new IllegalArgumentException("--jsonl needs a file name or - (standard input), got ''");
            }
            return runJsonl();
        }
        if (loss == null) {
            throw new IllegalArgumentException("give --loss NAME (with --input/--target or --csv), or --jsonl FILE");
        }
        if (data != null) {
            return runData();
        }
        if (by != null) {
            throw new IllegalArgumentException("--by needs --data FILE");
        }
        return runDirect();
    }

    /**
     * Answers the requests of a file or of standard input, the same way: each line decoded on its own (a line that
     * is not UTF-8 is answered with an error, as a malformed one is), each response flushed as it is written.
     */
    private int runJsonl() throws IOException {
        boolean stdin = "-".equals(jsonl);
        InputStream in;
        if (stdin) {
            in = System.in;
        } else {
            Path p = Paths.get(jsonl);
            if (Files.isDirectory(p)) {
                // Opening a directory succeeds on Linux; the first read would fail with a bare "Is a directory".
                throw new CliException("cannot read " + jsonl + ": is a directory");
            }
            try {
                in = Files.newInputStream(p);
            } catch (NoSuchFileException e) {
                throw new CliException("cannot read " + jsonl + ": no such file");
            } catch (AccessDeniedException e) {
                throw new CliException("cannot read " + jsonl + ": permission denied");
            } catch (IOException e) {
                throw new CliException("cannot read " + jsonl + ": " + Errors.reason(e));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonlEvaluator.Counts counts;
        try {
            counts = new JsonlEvaluator().run(in, out);
        } catch (IOException e) {
            throw new CliException("cannot read " + jsonl + ": " + Errors.reason(e));
        } finally {
            if (!stdin) {
                in.close();
            }
        }
        if (counts.outputFailed()) {
            throw new CliException("cannot write to standard output (closed or full); stopped after "
                    + counts.requests() + " request" + (counts.requests() == 1 ? "" : "s"));
        }
        if (counts.errors() > 0) {
            spec.commandLine().getErr().println("losses4j eval: " + counts.errors() + " of " + counts.requests()
                    + " requests answered with an error");
        }
        return 0;
    }

    /**
     * {@code --data}: the file streamed in blocks of rows, each block's loss summed in double (per group with
     * {@code --by}), so memory does not grow with the file. Only losses whose value is a sum or mean over elements
     * can be streamed this way: the element-wise ones.
     */
    private int runData() {
        if (csv != null || !columns.isEmpty() || grad) {
            throw new IllegalArgumentException("--data streams the file and prints the loss; do not combine it with "
                    + (csv != null ? "--csv" : !columns.isEmpty() ? "--column" : "--grad")
                    + " (use --input/--target COLUMN)");
        }
        Map<String, Object> p = Values.pairs(params, "--param", false);
        LossRegistry registry = LossRegistry.standard();
        Loss l = registry.create(loss, p, reduction);
        if (!(l instanceof org.losses4j.loss.ElementwiseLoss)) {
            throw new IllegalArgumentException("--data streams element-wise losses (a sum or mean over rows, e.g. "
                    + "l1_loss, mse_loss, huber_loss); " + l.name() + " is not one: load the file with --csv instead");
        }
        if (l.reduction() == org.losses4j.loss.Reduction.NONE) {
            throw new IllegalArgumentException("--data prints one value per file (or per --by group): use "
                    + "--reduction mean or sum, not none");
        }
        boolean mean = l.reduction() == org.losses4j.loss.Reduction.MEAN;
        Map<String, String> named = new LinkedHashMap<>();
        if (input != null) {
            named.put("input", input);
        }
        if (target != null) {
            named.put("target", target);
        }
        for (Map.Entry<String, Object> t : Values.pairs(tensors, "--tensor", true).entrySet()) {
            if (named.containsKey(t.getKey())) {
                throw new IllegalArgumentException(t.getKey() + " is given twice; give it once");
            }
            named.put(t.getKey(), (String) t.getValue());
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("--data needs the columns: --input COLUMN --target COLUMN");
        }
        List<String> names = new ArrayList<>(named.keySet());
        List<String> cols = new ArrayList<>(named.values());
        if (new LinkedHashSet<>(cols).size() != cols.size()) {
            throw new IllegalArgumentException("--data: each input needs a column of its own, got " + named);
        }
        Loss perRow = registry.create(loss, p, by == null ? "sum" : "none");
        StreamTotals totals = new StreamTotals();
        long rows;
        try (org.losses4j.cli.io.ReadProgress progress = org.losses4j.cli.io.ReadProgress.of(data,
                !output.quiet && !output.json)) {
            rows = NumericCsv.stream(data, cols, by, progress, new NumericCsv.Rows() {
                @Override
                public void accept(float[][] block, String[] keys, int m) {
                    Map<String, Tensor> in = new LinkedHashMap<>();
                    for (int k = 0; k < names.size(); k++) {
                        float[] c = block[k].length == m ? block[k] : Arrays.copyOf(block[k], m);
                        in.put(names.get(k), Tensor.wrap(c, m));
                    }
                    LossResult r;
                    try {
                        r = perRow.compute(in, Set.of());
                    } catch (IllegalArgumentException e) {
                        throw new CliException(data + ": " + e.getMessage());
                    }
                    if (keys == null) {
                        totals.add(null, r.item(), m);
                    } else {
                        float[] v = r.value().data();
                        for (int i = 0; i < m; i++) {
                            totals.add(keys[i], v[i], 1);
                        }
                    }
                }

                @Override
                public void restart() {
                    totals.clear();
                }
            });
        }
        if (rows == 0) {
            throw new CliException(data + ": no data rows");
        }
        printStream(l, totals, mean, rows);
        return 0;
    }

    /** Sums and row counts, per group key (null: the whole file), in the order first seen. */
    private static final class StreamTotals {
        final Map<String, double[]> groups = new LinkedHashMap<>();
        private String lastKey;
        private double[] last;

        void add(String key, double value, long rows) {
            double[] a = last != null && java.util.Objects.equals(key, lastKey) ? last
                    : groups.computeIfAbsent(key, k -> new double[2]);
            a[0] += value;
            a[1] += rows;
            lastKey = key;
            last = a;
        }

        void clear() {
            groups.clear();
            lastKey = null;
            last = null;
        }
    }

    private void printStream(Loss l, StreamTotals totals, boolean mean, long rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", l.name());
            m.put("config", configForJson(l));
            m.put("file", data.toString());
            m.put("rows", rows);
            if (by == null) {
                double[] a = totals.groups.get(null);
                m.put("value", mean ? a[0] / a[1] : a[0]);
            } else {
                m.put("by", by);
                List<Map<String, Object>> groups = new ArrayList<>();
                totals.groups.forEach((k, a) -> {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("key", k);
                    g.put("rows", (long) a[1]);
                    g.put("value", mean ? a[0] / a[1] : a[0]);
                    groups.add(g);
                });
                m.put("groups", groups);
            }
            try {
                out.println(Json.MAPPER.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (output.quiet) {
            return;
        }
        if (by == null) {
            double[] a = totals.groups.get(null);
            out.println(l + " = " + human(mean ? a[0] / a[1] : a[0]) + "   (" + rows + " rows of " + data + ")");
            return;
        }
        out.println(by + "\t" + l.name() + "\trows");
        totals.groups.forEach((k, a) -> out.println(k + "\t" + human(mean ? a[0] / a[1] : a[0]) + "\t" + (long) a[1]));
    }

    private int runDirect() throws IOException {
        Map<String, Object> p = Values.pairs(params, "--param", false);
        Loss l = LossRegistry.standard().create(loss, p, reduction);
        Map<String, Tensor> in = new LinkedHashMap<>();
        if (csv != null) {
            if (input != null || target != null || !tensors.isEmpty()) {
                throw new IllegalArgumentException("--csv reads the inputs from the file; do not combine it with "
                        + "--input, --target or --tensor");
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("--csv needs --column INPUT=COLUMN for each input, e.g. "
                        + "--column input=prediction --column target=y");
            }
            Map<String, String> map = new LinkedHashMap<>();
            Values.pairs(columns, "--column", true).forEach((name, col) -> map.put(name, (String) col));
            NumericCsv table = NumericCsv.read(csv, new LinkedHashSet<>(map.values()),
                    NumericCsv.Cells.FLOAT32);
            if (table.rows() == 0) {
                // a mean over nothing is NaN: say so instead of printing it
                throw new CliException(csv + ": no data rows");
            }
            map.forEach((name, col) -> in.put(name, Tensor.of(table.column(col), table.rows())));
        } else {
            if (!columns.isEmpty()) {
                throw new IllegalArgumentException("--column needs --csv FILE");
            }
            Map<String, Object> named = Values.pairs(tensors, "--tensor", true);
            if (input != null) {
                in.put("input", Tensors.parse("--input", input));
            }
            if (target != null) {
                in.put("target", Tensors.parse("--target", target));
            }
            for (Map.Entry<String, Object> t : named.entrySet()) {
                if (in.containsKey(t.getKey())) {
                    throw new IllegalArgumentException(t.getKey() + " is given twice, by --" + t.getKey()
                            + " and by --tensor " + t.getKey() + "=" + t.getValue() + "; give it once");
                }
                in.put(t.getKey(), Tensors.parse("--tensor " + t.getKey(), (String) t.getValue()));
            }
            if (in.isEmpty()) {
                throw new IllegalArgumentException("give the inputs with --input/--target/--tensor or --csv");
            }
        }
        Set<String> wrt = new LinkedHashSet<>();
        if (grad) {
            for (InputSpec s : l.inputs()) {
                if (s.differentiable() && in.containsKey(s.name())) {
                    wrt.add(s.name());
                }
            }
        }
        LossResult r;
        try {
            r = l.compute(in, wrt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + shapeHint(l, e.getMessage()), e);
        }
        print(l, r);
        return 0;
    }

    /**
     * Class-index losses want a 0-d target for one sample (input [C]) or a 1-d one for a batch (input [N, C]); a
     * comma list on the command line is always 1-d, so say how to write a batch instead.
     */
    private String shapeHint(Loss l, String message) {
        boolean indexTarget = false;
        for (InputSpec s : l.inputs()) {
            indexTarget |= s.kind() != InputSpec.Kind.FLOAT;
        }
        if (!indexTarget || csv != null || message == null || !message.contains("must be []")) {
            return "";
        }
        return "; a comma list is 1-d, so give one sample as a batch of one in JSON, e.g. --input '[[0.1,0.2,0.7]]'"
                + " --target '[2]' (or use --jsonl, where a target may be 0-d: \"target\": 2)";
    }

    private void print(Loss l, LossResult r) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", l.name());
            m.put("config", configForJson(l));
            m.putAll(RequestEvaluator.toResponse(r));
            try {
                out.println(Json.MAPPER.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (output.quiet) {
            return;
        }
        out.println(l + " = " + (r.isScalar() ? human(r.item()) : r.value().toString()));
        r.grads().forEach((k, v) -> out.println("grad " + k + " = " + v));
    }

    /** Six significant digits without trailing zeros, as a person reads a loss value (JSON keeps every digit). */
    static String human(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mant.equals("-0") ? "0" : mant + exp;
    }

    private static Map<String, Object> configForJson(Loss l) {
        Map<String, Object> m = new LinkedHashMap<>();
        l.config().forEach((k, v) -> m.put(k, v instanceof Tensor ? NestedArrays.toNested((Tensor) v) : v));
        return m;
    }
}

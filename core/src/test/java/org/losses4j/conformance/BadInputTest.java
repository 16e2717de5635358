package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.losses4j.loss.InputSpec;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.ParameterSpec;
import org.losses4j.protocol.RequestEvaluator;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Fixtures;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input, for every registered loss: malformed requests built from the loss's own golden value cases (so a loss
 * registered later is covered as soon as it has fixtures, which {@link ConformanceTest} requires) and from its
 * {@link LossInfo#parameterList()} and {@link InputSpec}s, run through {@link RequestEvaluator} and the Java API.
 *
 * <p>Each request must either give a result (for mutations that may be valid: non-finite data may propagate NaN,
 * as in PyTorch; a parameter value that is accepted must not turn finite data into NaN) or fail with an
 * {@link IllegalArgumentException} whose message is one line, starts with the loss name (or {@code request} for a
 * request-level error) and names the offending argument. Any other exception, or a request taking more than a few
 * seconds, is a defect. Every problem of a loss and mutation class is listed in one failure.
 */
class BadInputTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();
    private static final RequestEvaluator EVALUATOR = new RequestEvaluator(REGISTRY);
    private static final int SEEDS_PER_LOSS = 4;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** The whole numbers each loss's golden value cases hold in each all-integer input, by "loss/input". */
    private static final Map<String, Set<Long>> GOLDEN_INDEX_VALUES = goldenIndexValues();

    /** What a mutated request may do. */
    private enum Expect {
        /** It must be rejected. */
        ERROR,
        /** It may be rejected, or answered with any value (non-finite data propagating). */
        ERROR_OR_ANY,
        /** It may be rejected, or answered with a value free of NaN. */
        ERROR_OR_NO_NAN
    }

    /** One mutated request: the message of an error must contain one of {@code names}. */
    private record Probe(String what, Object request, Expect expect, List<String> names, String prefix) {
    }

    @TestFactory
    Stream<DynamicNode> everyLossAnswersBadInputWithAClearError() {
        Map<String, List<Fixtures.Case>> seeds = seeds();
        return REGISTRY.list().stream().map(info -> {
            List<Fixtures.Case> s = seeds.getOrDefault(info.name(), List.of());
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("has a seed case", () -> assertThat(s)
                    .as("golden value cases of %s to mutate", info.name()).isNotEmpty()));
            tests.add(group(info, "missing and unknown inputs", s, BadInputTest::inputSetProbes));
            tests.add(group(info, "parameters", s, BadInputTest::parameterProbes));
            tests.add(group(info, "shapes", s, BadInputTest::shapeProbes));
            tests.add(group(info, "joint shapes", s, BadInputTest::jointShapeProbes));
            tests.add(group(info, "data values", s, BadInputTest::dataProbes));
            tests.add(group(info, "index inputs", s, BadInputTest::indexProbes));
            tests.add(group(info, "reduction and grad", s, BadInputTest::requestProbes));
            tests.add(DynamicTest.dynamicTest("java api", () -> assertTimeoutPreemptively(LIMIT,
                    () -> assertThat(javaApiProblems(info, s)).isEmpty())));
            return DynamicContainer.dynamicContainer(info.name(), tests);
        });
    }

    @Test
    void requestLevelErrorsUseTheProtocolPrefix() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("loss", "l1_loss");
        ok.put("inputs", Map.of("input", List.of(1.0, 2.0), "target", List.of(0.0, 1.0)));
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("not an object", List.of(1), Expect.ERROR, List.of("request"), "request"));
        probes.add(new Probe("null request", null, Expect.ERROR, List.of("request"), "request"));
        probes.add(new Probe("no loss", without(ok, "loss"), Expect.ERROR, List.of("loss"), "request"));
        probes.add(new Probe("numeric loss", with(ok, "loss", 5), Expect.ERROR, List.of("loss"), "request"));
        probes.add(new Probe("unknown field", with(ok, "lossy", 1), Expect.ERROR, List.of("lossy"), "request"));
        probes.add(new Probe("unknown loss", with(ok, "loss", "hubber_loss"), Expect.ERROR,
                List.of("hubber_loss"), "unknown loss"));
        for (Probe p : probes) {
            check(p, problems);
        }
        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------- seeds

    /** Up to {@link #SEEDS_PER_LOSS} value cases per loss, distinct in their input names, parameters and reduction. */
    private static Map<String, List<Fixtures.Case>> seeds() {
        Map<String, Map<String, Fixtures.Case>> bySignature = new LinkedHashMap<>();
        for (Fixtures.Case c : Fixtures.all()) {
            // The probes judge "finite data gave NaN": seeds are cases with finite inputs only (the golden cases of
            // NaN propagation are not).
            if (c.expectsError() || !allFinite(inputsOf(c.request()).values())) {
                continue;
            }
            Map<String, Fixtures.Case> m = bySignature.computeIfAbsent(c.loss(), k -> new LinkedHashMap<>());
            String sig = inputsOf(c.request()).keySet() + "|" + paramsOf(c.request()).keySet() + "|"
                    + c.request().get("reduction") + "|" + shapeOf(inputsOf(c.request()).values().iterator().next());
            if (m.size() < SEEDS_PER_LOSS) {
                m.putIfAbsent(sig, c);
            }
        }
        Map<String, List<Fixtures.Case>> out = new LinkedHashMap<>();
        bySignature.forEach((k, v) -> out.put(k, new ArrayList<>(v.values())));
        return out;
    }

    private static Map<String, Set<Long>> goldenIndexValues() {
        Map<String, Set<Long>> out = new HashMap<>();
        for (Fixtures.Case c : Fixtures.all()) {
            if (c.expectsError()) {
                continue;
            }
            inputsOf(c.request()).forEach((name, v) -> {
                if (allIntegral(v)) {
                    collectLongs(v, out.computeIfAbsent(c.loss() + "/" + name, k -> new LinkedHashSet<>()));
                }
            });
        }
        return out;
    }

    private static void collectLongs(Object v, Set<Long> out) {
        if (v instanceof List) {
            for (Object x : (List<?>) v) {
                collectLongs(x, out);
            }
        } else {
            out.add(((Number) v).longValue());
        }
    }

    private static DynamicTest group(LossInfo info, String name, List<Fixtures.Case> seeds,
            ProbeMaker maker) {
        return DynamicTest.dynamicTest(name, () -> assertTimeoutPreemptively(LIMIT, () -> {
            List<String> problems = new ArrayList<>();
            for (Fixtures.Case seed : seeds) {
                List<Probe> probes = new ArrayList<>();
                maker.make(info, seed, probes::add);
                for (Probe p : probes) {
                    check(p, problems);
                }
            }
            assertThat(problems).as("%s: %s", info.name(), name).isEmpty();
        }));
    }

    @FunctionalInterface
    private interface ProbeMaker {
        void make(LossInfo info, Fixtures.Case seed, Consumer<Probe> out);
    }

    // ---------------------------------------------------------------- probes

    private static void inputSetProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        List<InputSpec> specs = info.inputs();
        for (InputSpec s : specs) {
            Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
            if (in.remove(s.name()) != null) {
                Map<String, Object> r = with(req, "inputs", in);
                r.put("grad", grads(req, in.keySet()));
                out.accept(new Probe("without input " + s.name(), r,
                        s.optional() ? Expect.ERROR_OR_ANY : Expect.ERROR, List.of(s.name()), loss));
            }
        }
        Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
        in.put("bogus_input", in.values().iterator().next());
        out.accept(new Probe("unknown input", with(req, "inputs", in), Expect.ERROR, List.of("bogus_input"), loss));
        out.accept(new Probe("inputs not an object", with(req, "inputs", List.of(1.0)), Expect.ERROR,
                List.of("inputs"), loss));
        out.accept(new Probe("no inputs", without(req, "inputs"), Expect.ERROR, List.of("inputs"), loss));
        Map<String, Object> nul = new LinkedHashMap<>(inputsOf(req));
        nul.put(nul.keySet().iterator().next(), null);
        out.accept(new Probe("null input", with(req, "inputs", nul), Expect.ERROR,
                List.of(nul.keySet().iterator().next()), loss));
    }

    /** Parameters whose PyTorch default is None although we show the value None stands for. */
    private static final Set<String> NONE_IS_DEFAULT = Set.of("distance_function");

    private static void parameterProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        Map<String, Object> params = paramsOf(req);
        Set<String> names = new LinkedHashSet<>(parameterNames(info));
        names.addAll(params.keySet());
        out.accept(new Probe("unknown parameter", with(req, "params", withMap(params, "bogus_param", 1.0)),
                Expect.ERROR, List.of("bogus_param"), loss));
        out.accept(new Probe("params not an object", with(req, "params", List.of(1.0)), Expect.ERROR,
                List.of("params"), loss));
        for (String n : names) {
            ParameterSpec.Type type = typeOf(info, n);
            boolean isBool = type == ParameterSpec.Type.BOOLEAN;
            boolean isEnum = type == ParameterSpec.Type.CHOICE;
            boolean isTensor = type == ParameterSpec.Type.TENSOR;
            // A tensor parameter (weight, pos_weight, alpha) is data: non-finite values may propagate, as in PyTorch.
            Expect nonFinite = isBool || isEnum ? Expect.ERROR : isTensor ? Expect.ERROR_OR_ANY : Expect.ERROR_OR_NO_NAN;
            Object[][] values = {
                {"string 'abc'", "abc", Expect.ERROR},
                {"boolean true", Boolean.TRUE, isBool ? Expect.ERROR_OR_ANY : Expect.ERROR},
                {"list", List.of(0.5, 2.0), isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"integer list", List.of(1, 2), isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"integer list of the seed's length", integers(params.get(n)), isBool || isEnum ? Expect.ERROR
                        : Expect.ERROR_OR_NO_NAN},
                {"nested list", List.of(List.of(0.5), List.of(2.0)), isBool || isEnum ? Expect.ERROR
                        : Expect.ERROR_OR_NO_NAN},
                {"object", Map.of("a", 1), Expect.ERROR},
                {"NaN", "NaN", nonFinite},
                {"Infinity", "Infinity", nonFinite},
                {"-Infinity", "-Infinity", nonFinite},
                {"negative", -1.5, isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"zero", 0.0, isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"integer zero", 0, isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"huge", 1e30, nonFinite},
                {"-huge", -1e30, nonFinite},
                {"beyond float", 1e300, nonFinite},
                {"tiny", 1e-300, isBool || isEnum ? Expect.ERROR : Expect.ERROR_OR_NO_NAN},
                {"huge integer", Long.MAX_VALUE, nonFinite},
                {"empty list", List.of(), isBool || isEnum || !isTensor ? Expect.ERROR : Expect.ERROR_OR_ANY},
                // null is Python's None: the default only where PyTorch's default is None
                {"null", null, isTensor || NONE_IS_DEFAULT.contains(n) ? Expect.ERROR_OR_ANY : Expect.ERROR},
            };
            for (Object[] v : values) {
                out.accept(new Probe("parameter " + n + " = " + v[0], with(req, "params", withMap(params, n, v[1])),
                        (Expect) v[2], List.of(n), loss));
            }
        }
    }

    private static void shapeProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        for (Map.Entry<String, Object> e : inputsOf(req).entrySet()) {
            String n = e.getKey();
            Object v = e.getValue();
            List<Object[]> variants = new ArrayList<>();
            variants.add(new Object[] {"0-d", firstLeaf(v)});
            variants.add(new Object[] {"empty", List.of()});
            variants.add(new Object[] {"extra leading dim", List.of(v)});
            variants.add(new Object[] {"extra trailing dim", wrapLeaves(v)});
            variants.add(new Object[] {"doubled leading dim", doubled(v)});
            if (v instanceof List && !((List<?>) v).isEmpty()) {
                variants.add(new Object[] {"first row only", ((List<?>) v).get(0)});
                variants.add(new Object[] {"one fewer in last dim", dropLast(v)});
                variants.add(new Object[] {"ragged", ragged(v)});
            }
            for (Object[] var : variants) {
                Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
                in.put(n, var[1]);
                // A shape change of one input may be reported against another that no longer fits it (fewer
                // classes in input: "target 3 is out of range"), so any input's name will do, except for ragged.
                out.accept(new Probe("input " + n + " " + var[0] + " " + shapeOf(var[1]), with(req, "inputs", in),
                        "ragged".equals(var[0]) ? Expect.ERROR : Expect.ERROR_OR_ANY,
                        "ragged".equals(var[0]) ? List.of(n) : new ArrayList<>(inputsOf(req).keySet()), loss));
            }
        }
    }

    /**
     * The same shape change applied to every input at once, so that it may pass the shape checks and reach the
     * kernels: 0-d, empty, one row, one fewer in the last dimension, doubled, extra dimensions. A message may name
     * any input or parameter (a class weight that no longer fits C).
     */
    private static void jointShapeProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        List<String> names = new ArrayList<>(inputsOf(req).keySet());
        names.addAll(parameterNames(info));
        names.addAll(paramsOf(req).keySet());
        Map<String, java.util.function.UnaryOperator<Object>> transforms = new LinkedHashMap<>();
        transforms.put("0-d", BadInputTest::firstLeaf);
        transforms.put("empty", v -> List.of());
        transforms.put("first row only", v -> v instanceof List && !((List<?>) v).isEmpty() ? ((List<?>) v).get(0)
                : v);
        transforms.put("one fewer in last dim", v -> v instanceof List ? dropLast(v) : v);
        transforms.put("doubled leading dim", BadInputTest::doubled);
        transforms.put("extra leading dim", List::of);
        transforms.put("extra trailing dim", BadInputTest::wrapLeaves);
        transforms.put("one element", v -> {
            Object f = firstLeaf(v);
            Object w = f;
            for (int k = 0; k < shapeOf(v).split(",").length && v instanceof List; k++) {
                w = List.of(w);
            }
            return w;
        });
        for (Map.Entry<String, java.util.function.UnaryOperator<Object>> t : transforms.entrySet()) {
            Map<String, Object> in = new LinkedHashMap<>();
            inputsOf(req).forEach((k, v) -> in.put(k, t.getValue().apply(v)));
            out.accept(new Probe("every input " + t.getKey(), with(req, "inputs", in), Expect.ERROR_OR_ANY, names,
                    loss));
        }
    }

    private static void dataProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        for (Map.Entry<String, Object> e : inputsOf(req).entrySet()) {
            String n = e.getKey();
            Object v = e.getValue();
            if (shapeOf(v).contains("0")) {
                continue;
            }
            Object[][] values = {
                {"NaN", "NaN", Expect.ERROR_OR_ANY},
                {"Infinity", "Infinity", Expect.ERROR_OR_ANY},
                {"-Infinity", "-Infinity", Expect.ERROR_OR_ANY},
                {"huge", 1e30, Expect.ERROR_OR_ANY},
                {"beyond float", 1e300, Expect.ERROR_OR_ANY},
                {"string", "abc", Expect.ERROR},
                {"boolean", Boolean.TRUE, Expect.ERROR},
                {"null", null, Expect.ERROR},
                {"object", Map.of("x", 1), Expect.ERROR},
            };
            // Degenerate but well-formed data: every element equal (a zero range, a zero norm, a zero variance).
            for (Object[] d : new Object[][] {{"all zero", 0.0}, {"all equal", firstLeaf(v)}, {"all -1", -1.0}}) {
                Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
                in.put(n, fill(v, d[1]));
                out.accept(new Probe("input " + n + " " + d[0], with(req, "inputs", in), Expect.ERROR_OR_ANY,
                        List.of(n), loss));
            }
            for (Object[] d : values) {
                for (boolean last : new boolean[] {false, true}) {
                    Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
                    in.put(n, replaceLeaf(v, d[1], last));
                    out.accept(new Probe("input " + n + (last ? " last" : " first") + " element " + d[0],
                            with(req, "inputs", in), (Expect) d[2], List.of(n), loss));
                }
            }
        }
    }

    private static void indexProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        List<InputSpec> specs = info.inputs();
        for (InputSpec s : specs) {
            Object v = inputsOf(req).get(s.name());
            if (v == null || s.kind() == InputSpec.Kind.FLOAT || !allIntegral(v) || shapeOf(v).contains("0")) {
                continue;
            }
            // -1 is out of range for a class index, unless the loss's own golden values use it (the terminator of
            // multilabel_margin_loss's target lists): then it is valid data.
            boolean minusOneValid = GOLDEN_INDEX_VALUES.getOrDefault(loss + "/" + s.name(), Set.of()).contains(-1L);
            Object[][] values = {
                {"negative", -7, Expect.ERROR},
                {"-1", -1, minusOneValid ? Expect.ERROR_OR_NO_NAN : Expect.ERROR},
                {"out of range", 1_000_000, Expect.ERROR},
                {"beyond int", 1L << 40, Expect.ERROR},
                {"Long.MIN", Long.MIN_VALUE, Expect.ERROR},
                {"fractional", 0.5, s.kind() == InputSpec.Kind.INDEX ? Expect.ERROR : Expect.ERROR_OR_ANY},
                {"NaN", "NaN", s.kind() == InputSpec.Kind.INDEX ? Expect.ERROR : Expect.ERROR_OR_ANY},
                {"Infinity", "Infinity", s.kind() == InputSpec.Kind.INDEX ? Expect.ERROR : Expect.ERROR_OR_ANY},
            };
            for (Object[] d : values) {
                for (boolean last : new boolean[] {false, true}) {
                    Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
                    in.put(s.name(), replaceLeaf(v, d[1], last));
                    out.accept(new Probe("index input " + s.name() + (last ? " last" : " first") + " = " + d[0],
                            with(req, "inputs", in), (Expect) d[2], List.of(s.name()), loss));
                }
            }
            Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
            in.put(s.name(), toFloats(v, 0.25));
            out.accept(new Probe("index input " + s.name() + " all fractional", with(req, "inputs", in),
                    s.kind() == InputSpec.Kind.INDEX ? Expect.ERROR : Expect.ERROR_OR_ANY, List.of(s.name()), loss));
        }
    }

    private static void requestProbes(LossInfo info, Fixtures.Case seed, Consumer<Probe> out) {
        Map<String, Object> req = seed.request();
        String loss = info.name();
        // Reduction names are exact, as in PyTorch: "MEAN" and " mean" are not reductions.
        for (Object r : new Object[] {"meen", "", "none,", "batchmean2", "average", "MEAN", " mean", "Sum\n"}) {
            out.accept(new Probe("reduction '" + r + "'", with(req, "reduction", r), Expect.ERROR,
                    List.of("reduction"), loss));
        }
        for (Object r : new Object[] {5, Boolean.TRUE, List.of("mean")}) {
            out.accept(new Probe("reduction of type " + r.getClass().getSimpleName(), with(req, "reduction", r),
                    Expect.ERROR, List.of("reduction"), loss));
        }
        Loss l = REGISTRY.create(loss);
        for (InputSpec s : l.inputs()) {
            if (!s.differentiable() && inputsOf(req).containsKey(s.name())) {
                out.accept(new Probe("grad of non-differentiable " + s.name(),
                        with(req, "grad", List.of(s.name())), Expect.ERROR, List.of(s.name()), loss));
            }
            if (s.differentiable() && s.optional() && inputsOf(req).containsKey(s.name())) {
                Map<String, Object> in = new LinkedHashMap<>(inputsOf(req));
                in.remove(s.name());
                out.accept(new Probe("grad of absent optional " + s.name(),
                        with(with(req, "inputs", in), "grad", List.of(s.name())), Expect.ERROR,
                        List.of(s.name()), loss));
            }
        }
        out.accept(new Probe("grad of unknown name", with(req, "grad", List.of("bogus_grad")), Expect.ERROR,
                List.of("bogus_grad"), loss));
        out.accept(new Probe("grad not a list", with(req, "grad", "input"), Expect.ERROR, List.of("grad"), loss));
        out.accept(new Probe("grad holding a number", with(req, "grad", List.of(1)), Expect.ERROR, List.of("grad"),
                loss));
        out.accept(new Probe("grad holding null", with(req, "grad", Arrays.asList((Object) null)), Expect.ERROR,
                List.of("grad"), loss));
    }

    /** The typed Java API: null and ill-shaped tensors, null maps, the float[] fast path. */
    private static List<String> javaApiProblems(LossInfo info, List<Fixtures.Case> seeds) {
        List<String> problems = new ArrayList<>();
        String loss = info.name();
        for (Fixtures.Case seed : seeds) {
            Loss l;
            try {
                l = EVALUATOR.run(seed.request()) != null ? REGISTRY.create(loss, tensorParams(seed.request()),
                        (String) seed.request().get("reduction")) : null;
            } catch (RuntimeException e) {
                problems.add(seed.name() + ": seed does not run: " + e);
                continue;
            }
            Map<String, Tensor> in = new LinkedHashMap<>();
            inputsOf(seed.request()).forEach((k, v) -> in.put(k, NestedArrays.toTensor(v, k)));
            String first = in.keySet().iterator().next();
            Loss fl = l;
            javaCall(problems, loss, "compute(null, wrt)", List.of("inputs"), () -> fl.compute(null, Set.of()));
            javaCall(problems, loss, "compute(inputs, null)", List.of("wrt", "grad"), () -> fl.compute(in, null));
            Map<String, Tensor> withNull = new HashMap<>(in);
            withNull.put(first, null);
            javaCall(problems, loss, "compute with a null " + first, List.of(first),
                    () -> fl.compute(withNull, Set.of()));
            Set<String> nullWrt = new LinkedHashSet<>();
            nullWrt.add(null);
            javaCall(problems, loss, "compute with a null name in wrt", List.of("null"),
                    () -> fl.compute(in, nullWrt));
            if (l instanceof InputTargetLoss) {
                InputTargetLoss it = (InputTargetLoss) l;
                Tensor x = in.get("input");
                Tensor y = in.get("target");
                if (x == null || y == null) {
                    continue;
                }
                javaCall(problems, loss, "forward(null, target)", List.of("input"), () -> it.forward(null, y));
                javaCall(problems, loss, "forward(input, null)", List.of("target"), () -> it.forward(x, null));
                javaCall(problems, loss, "forward(input, 0-d target)", List.of("target", "input"),
                        () -> it.forward(x, Tensor.scalar(0.5f)));
                float[] a = x.toFloatArray();
                float[] b = y.toFloatArray();
                int n = a.length;
                javaCall(problems, loss, "fast path n < 0", List.of("n"),
                        () -> it.valueAndGradInput(a, b, new float[n], -1));
                javaCall(problems, loss, "fast path n too large", List.of("n"),
                        () -> it.valueAndGradInput(a, b, new float[n], n + 1));
                javaCall(problems, loss, "fast path null gradInput", List.of("gradInput"),
                        () -> it.valueAndGradInput(a, b, null, n));
                javaCall(problems, loss, "fast path null input", List.of("input"),
                        () -> it.valueAndGradInput(null, b, new float[n], n));
            }
        }
        return problems;
    }

    private static void javaCall(List<String> problems, String loss, String what, List<String> names,
            Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            String problem = messageProblem(e.getMessage(), loss, names);
            if (problem != null) {
                problems.add(what + ": " + problem);
            }
        } catch (Throwable t) {
            problems.add(what + ": " + describe(t));
        }
    }

    // ---------------------------------------------------------------- checking

    private static void check(Probe p, List<String> problems) {
        LossResult r = null;
        try {
            r = EVALUATOR.run(p.request());
        } catch (IllegalArgumentException e) {
            String problem = messageProblem(e.getMessage(), p.prefix(), p.names());
            if (problem != null) {
                problems.add(p.what() + ": " + problem);
            }
        } catch (Throwable t) {
            problems.add(p.what() + ": " + describe(t));
            return;
        }
        if (r != null) {
            if (p.expect() == Expect.ERROR) {
                problems.add(p.what() + ": accepted, value " + r.value());
            } else if (p.expect() == Expect.ERROR_OR_NO_NAN && hasNaN(r)) {
                problems.add(p.what() + ": accepted, but finite data gave NaN: " + r);
            }
        }
        Map<String, Object> response = EVALUATOR.evaluate(p.request());
        Object err = response.get("error");
        if (err != null) {
            String s = String.valueOf(err);
            if (s.startsWith("internal error") || s.contains("\n")) {
                problems.add(p.what() + ": protocol answered " + s);
            }
        } else if (r == null) {
            problems.add(p.what() + ": run() failed but evaluate() answered " + response);
        }
    }

    private static String messageProblem(String msg, String prefix, List<String> names) {
        if (msg == null) {
            return "IllegalArgumentException without a message";
        }
        if (msg.contains("\n") || msg.contains("\r")) {
            return "message is not one line: " + msg;
        }
        if (!msg.startsWith(prefix + ": ") && !msg.startsWith(prefix + " ") && !msg.startsWith("request: ")) {
            return "message does not start with '" + prefix + ": ': " + msg;
        }
        for (String n : names) {
            if (msg.contains(n)) {
                return null;
            }
        }
        return "message does not name " + names + ": " + msg;
    }

    private static String describe(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return t.getClass().getSimpleName() + ": " + t.getMessage() + (st.length > 0 ? " at " + st[0] : "");
    }

    /** Whether every leaf of the nested inputs is a finite number (the protocol writes NaN and ±∞ as strings). */
    private static boolean allFinite(Object nested) {
        if (nested instanceof java.util.Collection) {
            for (Object o : (java.util.Collection<?>) nested) {
                if (!allFinite(o)) {
                    return false;
                }
            }
            return true;
        }
        return nested instanceof Number && Double.isFinite(((Number) nested).doubleValue());
    }

    private static boolean hasNaN(LossResult r) {
        if (r.isScalar() ? Double.isNaN(r.item()) : hasNaN(r.value())) {
            return true;
        }
        for (Tensor g : r.grads().values()) {
            if (hasNaN(g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNaN(Tensor t) {
        if (!t.isFloat()) {
            return false;
        }
        for (float f : t.data()) {
            if (Float.isNaN(f)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- request surgery

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputsOf(Map<String, Object> req) {
        Object o = req.get("inputs");
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paramsOf(Map<String, Object> req) {
        Object o = req.get("params");
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    private static Map<String, Object> tensorParams(Map<String, Object> req) {
        Map<String, Object> out = new LinkedHashMap<>();
        paramsOf(req).forEach((k, v) -> out.put(k, v instanceof List ? NestedArrays.toTensor(v, k) : v));
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> req, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(req);
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> withMap(Map<String, Object> map, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(map);
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> without(Map<String, Object> req, String key) {
        Map<String, Object> m = new LinkedHashMap<>(req);
        m.remove(key);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> grads(Map<String, Object> req, Set<String> present) {
        List<Object> g = new ArrayList<>();
        Object o = req.get("grad");
        if (o instanceof List) {
            for (Object x : (List<Object>) o) {
                if (present.contains(String.valueOf(x))) {
                    g.add(x);
                }
            }
        }
        return g;
    }

    /** The declared parameter names. */
    private static List<String> parameterNames(LossInfo info) {
        List<String> out = new ArrayList<>();
        for (ParameterSpec p : info.parameterList()) {
            out.add(p.name());
        }
        return out;
    }

    /** The declared type, or null for a parameter the loss does not declare. */
    private static ParameterSpec.Type typeOf(LossInfo info, String name) {
        for (ParameterSpec p : info.parameterList()) {
            if (p.name().equals(name)) {
                return p.type();
            }
        }
        return null;
    }


    private static String shapeOf(Object v) {
        List<Integer> s = new ArrayList<>();
        while (v instanceof List) {
            s.add(((List<?>) v).size());
            v = ((List<?>) v).isEmpty() ? null : ((List<?>) v).get(0);
        }
        return s.toString();
    }

    private static Object firstLeaf(Object v) {
        while (v instanceof List && !((List<?>) v).isEmpty()) {
            v = ((List<?>) v).get(0);
        }
        return v instanceof List ? 0.5 : v;
    }

    private static Object wrapLeaves(Object v) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                out.add(wrapLeaves(x));
            }
            return out;
        }
        return List.of(v);
    }

    private static Object doubled(Object v) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>((List<?>) v);
            out.addAll((List<?>) v);
            return out;
        }
        return List.of(v, v);
    }

    /** One element fewer along the last dimension (every innermost list loses its last element). */
    private static Object dropLast(Object v) {
        List<?> l = (List<?>) v;
        if (!l.isEmpty() && l.get(0) instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(dropLast(x));
            }
            return out;
        }
        return l.isEmpty() ? l : new ArrayList<>(l.subList(0, l.size() - 1));
    }

    /** The first innermost list one element shorter than the others (or a scalar where a list stood). */
    private static Object ragged(Object v) {
        List<Object> l = new ArrayList<>((List<?>) v);
        if (l.size() >= 2 && l.get(0) instanceof List) {
            l.set(0, ragged(l.get(0)));
            return l;
        }
        if (l.size() >= 2) {
            l.set(0, List.of(l.get(0)));
            return l;
        }
        return List.of(l.get(0), List.of(1.0, 2.0));
    }

    private static Object replaceLeaf(Object v, Object leaf, boolean last) {
        if (!(v instanceof List)) {
            return leaf;
        }
        List<Object> l = new ArrayList<>((List<?>) v);
        if (l.isEmpty()) {
            return l;
        }
        int i = last ? l.size() - 1 : 0;
        l.set(i, replaceLeaf(l.get(i), leaf, last));
        return l;
    }

    /** The seed's tensor parameter as whole numbers (an int64 tensor in the protocol), or 1 when it is not a list. */
    private static Object integers(Object v) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                out.add(integers(x));
            }
            return out;
        }
        return v instanceof Number ? (Object) Math.max(1, Math.round(((Number) v).doubleValue())) : (Object) 1;
    }

    private static Object fill(Object v, Object leaf) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                out.add(fill(x, leaf));
            }
            return out;
        }
        return leaf;
    }

    private static boolean allIntegral(Object v) {
        if (v instanceof List) {
            for (Object x : (List<?>) v) {
                if (!allIntegral(x)) {
                    return false;
                }
            }
            return true;
        }
        return v instanceof Integer || v instanceof Long;
    }

    private static Object toFloats(Object v, double add) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                out.add(toFloats(x, add));
            }
            return out;
        }
        return ((Number) v).doubleValue() + add;
    }
}

package org.losses4j.protocol;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;

/**
 * Evaluates one request of the losses4j JSON-lines protocol ({@code docs/PROTOCOL.md}) given as plain Java
 * objects, as any JSON parser produces them ({@link Map}, {@link List}, {@link Number}, {@link String},
 * {@link Boolean}). The JSON text itself is the CLI's business; core stays free of dependencies.
 *
 * <p>The request fields are {@code loss} (required), {@code params}, {@code reduction}, {@code inputs} (required)
 * and {@code grad}; {@code id} is ignored here and echoed by the caller. The response holds {@code value} (a
 * {@link Double} for a reduced loss, nested lists of {@link Float} otherwise) and {@code grad} (nested lists of
 * {@link Float} by input name), or a one-line {@code error}. Non-finite numbers are the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}.
 */
public final class RequestEvaluator {
    private static final Set<String> FIELDS = Set.of("id", "loss", "params", "reduction", "inputs", "grad");

    private final LossRegistry registry;

    /** An evaluator over the standard registry. */
    public RequestEvaluator() {
        this(LossRegistry.standard());
    }

    /**
     * An evaluator over the given registry.
     *
     * @param registry the registry the requests' losses are looked up in
     */
    public RequestEvaluator(LossRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Evaluates a request. Never throws for a bad request: the response then holds {@code error}.
     *
     * @param request the request as a JSON parser gives it: a {@link Map} with {@code loss}, {@code inputs} and
     *                optionally {@code params}, {@code reduction}, {@code grad}, {@code id}
     * @return {@code {"value": ..., "grad": {...}}} or {@code {"error": "..."}}; without the id
     */
    public Map<String, Object> evaluate(Object request) {
        Map<String, Object> response = new LinkedHashMap<>();
        try {
            response.putAll(toResponse(run(request)));
        } catch (IllegalArgumentException e) {
            response.clear();
            response.put("error", oneLine(e.getMessage()));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Bad input is always an IllegalArgumentException naming the loss; anything else (an index out of
            // bounds, an ArithmeticException) is a defect of ours and must not pass for a user error.
            response.clear();
            response.put("error", "internal error: " + e.getClass().getSimpleName() + ": "
                    + oneLine(String.valueOf(e.getMessage())) + " (please report this request)");
        }
        return response;
    }

    /**
     * A result as the protocol writes it: {@code value} (a {@link Double} or non-finite string for a reduced loss,
     * nested lists of {@link Float} otherwise) and, when gradients were computed, {@code grad} by input name.
     *
     * @param r the result of a loss evaluation
     * @return a new map holding {@code value} and, when gradients were computed, {@code grad}; ready for a JSON
     *         writer
     */
    public static Map<String, Object> toResponse(LossResult r) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("value", r.isScalar() ? NestedArrays.number(r.item()) : NestedArrays.toNested(r.value()));
        if (!r.grads().isEmpty()) {
            Map<String, Object> g = new LinkedHashMap<>();
            r.grads().forEach((k, v) -> g.put(k, NestedArrays.toNested(v)));
            response.put("grad", g);
        }
        return response;
    }

    /**
     * Parses and runs a request, throwing {@link IllegalArgumentException} for a bad one.
     *
     * @param request the request, as for {@link #evaluate}
     * @return the loss's value and the gradients the request's {@code grad} asks for
     * @throws IllegalArgumentException with the one-line message that {@link #evaluate} puts in {@code error}
     */
    public LossResult run(Object request) {
        if (!(request instanceof Map)) {
            throw new IllegalArgumentException("request must be a JSON object, got " + kind(request));
        }
        Map<?, ?> req = (Map<?, ?>) request;
        for (Object k : req.keySet()) {
            if (!FIELDS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("request: unknown field '" + k
                        + "'; fields: id, loss, params, reduction, inputs, grad");
            }
        }
        Object lossName = req.get("loss");
        if (!(lossName instanceof String)) {
            throw new IllegalArgumentException("request: field 'loss' must be a loss name (string), got "
                    + kind(lossName));
        }
        String name = (String) lossName;
        Object reduction = req.get("reduction");
        if (reduction != null && !(reduction instanceof String)) {
            throw new IllegalArgumentException(name + ": reduction must be a string, got " + kind(reduction));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Object p = req.get("params");
        if (p != null) {
            if (!(p instanceof Map)) {
                throw new IllegalArgumentException(name + ": params must be an object, got " + kind(p));
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
                Object v = e.getValue();
                params.put(String.valueOf(e.getKey()), v instanceof List ? NestedArrays.toTensor(v,
                        name + ": parameter '" + e.getKey() + "'") : v);
            }
        }
        Loss loss = registry.create(name, params, (String) reduction);
        Object in = req.get("inputs");
        if (!(in instanceof Map)) {
            throw new IllegalArgumentException(name + ": inputs must be an object of tensors by name, got "
                    + kind(in));
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) in).entrySet()) {
            String k = String.valueOf(e.getKey());
            inputs.put(k, NestedArrays.toTensor(e.getValue(), name + ": input '" + k + "'"));
        }
        Set<String> wrt = new LinkedHashSet<>();
        Object g = req.get("grad");
        if (g != null) {
            if (!(g instanceof List)) {
                throw new IllegalArgumentException(name + ": grad must be a list of input names, got " + kind(g));
            }
            for (Object o : (List<?>) g) {
                if (!(o instanceof String)) {
                    throw new IllegalArgumentException(name + ": grad must list input names, got " + kind(o));
                }
                if (!wrt.add((String) o)) {
                    throw new IllegalArgumentException(name + ": grad names '" + o + "' twice; name each input once");
                }
            }
        }
        return loss.compute(inputs, wrt);
    }

    private static String kind(Object o) {
        if (o == null) {
            return "nothing";
        }
        if (o instanceof Map) {
            return "an object";
        }
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof String) {
            return "the string '" + o + "'";
        }
        return o.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "error" : s.replace('\n', ' ').replace('\r', ' ');
    }
}

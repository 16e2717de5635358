package org.losses4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.Activation;
import org.losses4j.nn.Dense;
import org.losses4j.nn.Initializer;
import org.losses4j.nn.Parameter;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.optim.Adam;
import org.losses4j.nn.optim.Optimizer;
import org.losses4j.nn.optim.Optimizers;
import org.losses4j.tensor.Tensor;

/**
 * Saves a {@link Sequential} model as two files and loads it back exactly: {@code NAME.safetensors} holds the
 * weights ({@code dense_0.kernel} of shape (inputs, units), {@code dense_0.bias}, ...; see {@link SafeTensors}), and
 * {@code NAME.json} the architecture, the compile configuration (loss with its parameters, optimiser, metrics) and
 * any training details the caller adds. Never Java serialisation.
 *
 * <p>A loaded model has bit-identical weights, so bit-identical predictions. The optimiser's state (Adam's moments,
 * the iteration count) is not saved: a loaded model is compiled afresh.
 *
 * <pre>{@code
 * ModelIO.save(model, Map.of("epochs", 250), dir, "model");   // dir/model.json, dir/model.safetensors
 * ModelIO.Loaded loaded = ModelIO.load(dir, "model");
 * float[] y = loaded.model().predict(x, n);
 * }</pre>
 */
public final class ModelIO {
    /** The value of {@code format} in the JSON file. */
    public static final String FORMAT = "losses4j.sequential";
    /** The version of the JSON layout. */
    public static final long FORMAT_VERSION = 1;

    private ModelIO() {
    }

    /** A loaded model and the free-form training details saved with it. */
    public record Loaded(Sequential model, Map<String, Object> training) {
    }

    /**
     * The weights as a safetensors file.
     *
     * @param model the model, built (its layers added)
     * @return the bytes of a safetensors file holding every layer's kernel and bias as float32, by parameter name
     */
    public static byte[] weights(Sequential model) {
        Map<String, SafeTensors.Entry> t = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            t.put(p.name(), new SafeTensors.Entry(p.shape(), p.value().clone()));
        }
        return SafeTensors.write(t, Map.of("format", "pt", "producer", "losses4j"));
    }

    /**
     * The JSON description of the model.
     *
     * @param training free-form details (numbers, strings, booleans, lists, maps) recorded under {@code training}
     * @param weightsFile the name of the weights file, recorded under {@code weights}
     * @param model the model, built (its layers added)
     * @return the JSON description of the model
     */
    public static String architecture(Sequential model, Map<String, ?> training, String weightsFile) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("input_dim", (long) model.inputDim());
        root.put("seed", model.seed());
        List<Object> layers = new ArrayList<>();
        for (Dense d : model.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("class_name", "Dense");
            l.put("units", (long) d.units());
            l.put("activation", d.activation().label());
            l.put("kernel_initializer", d.kernelInitializer().label());
            l.put("bias_initializer", "zeros");
            layers.add(l);
        }
        root.put("layers", layers);
        root.put("weights", weightsFile);
        if (model.loss() != null) {
            Map<String, Object> compile = new LinkedHashMap<>();
            Loss loss = model.loss();
            Map<String, Object> lc = new LinkedHashMap<>();
            lc.put("name", loss.name());
            Map<String, Object> params = new LinkedHashMap<>();
            loss.config().forEach((k, v) -> params.put(k, jsonValue(v)));
            lc.put("config", params);
            compile.put("loss", lc);
            compile.put("optimizer", new LinkedHashMap<>(model.optimizer().config()));
            compile.put("metrics", new ArrayList<>(model.metricNames()));
            root.put("compile", compile);
        }
        if (training != null && !training.isEmpty()) {
            root.put("training", new LinkedHashMap<>(training));
        }
        return MiniJson.writePretty(root);
    }

    private static Object jsonValue(Object v) {
        if (v instanceof Tensor) {
            List<Object> l = new ArrayList<>();
            for (float f : ((Tensor) v).toFloatArray()) {
                l.add((double) f);
            }
            return l;
        }
        return v;
    }

    /**
     * Writes {@code dir/name.safetensors} and {@code dir/name.json}, each to a temporary file first and then moved
     * into place, so a failure never leaves a half-written file.
     *
     * @param model the model, built (its layers added)
     * @param training the training settings to record, or null
     * @param dir the folder to write into, created if missing
     * @param name the files' base name ({@code name.json}, {@code name.safetensors})
     * @throws IOException when a file cannot be written
     */
    public static void save(Sequential model, Map<String, ?> training, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String weightsFile = name + ".safetensors";
        writeAtomically(dir.resolve(weightsFile), weights(model));
        writeAtomically(dir.resolve(name + ".json"),
                architecture(model, training, weightsFile).getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Loads {@code dir/name.json} and the weights file it names.
     *
     * @param dir the folder holding the JSON file (the weights file is looked up beside it)
     * @param name the files' base name ({@code name.json}, {@code name.safetensors})
     * @return the model and its recorded training settings
     * @throws IOException when a file cannot be read
     */
    public static Loaded load(Path dir, String name) throws IOException {
        Path json = dir.resolve(name + ".json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        Object weightsName = MiniJson.parse(text, json.toString()) instanceof Map<?, ?> m ? m.get("weights") : null;
        if (!(weightsName instanceof String) || ((String) weightsName).contains("/")
                || ((String) weightsName).contains("\\")) {
            throw new IllegalArgumentException(json + ": 'weights' must name a file beside it");
        }
        Path w = dir.resolve((String) weightsName);
        return load(text, json.toString(), Files.readAllBytes(w), w.toString());
    }

    /**
     * Rebuilds a model from its JSON description and safetensors weights.
     *
     * @param json the model's JSON description
     * @param jsonSource where the JSON came from (a file name), to begin each error message
     * @param weights the safetensors bytes
     * @param weightsSource where the weights came from (a file name), to begin each error message
     * @return the model and its recorded training settings
     * @throws IllegalArgumentException when a file does not describe a model losses4j can build, naming the problem
     */
    @SuppressWarnings("unchecked")
    public static Loaded load(String json, String jsonSource, byte[] weights, String weightsSource) {
        Object parsed = MiniJson.parse(json, jsonSource);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException(jsonSource + ": expected a JSON object");
        }
        Map<String, Object> root = (Map<String, Object>) parsed;
        if (!FORMAT.equals(root.get("format"))) {
            throw new IllegalArgumentException(jsonSource + ": format must be \"" + FORMAT + "\", got "
                    + root.get("format"));
        }
        if (!Long.valueOf(FORMAT_VERSION).equals(root.get("format_version"))) {
            throw new IllegalArgumentException(jsonSource + ": format_version " + root.get("format_version")
                    + " is not supported (this version reads " + FORMAT_VERSION + ")");
        }
        int inputDim = (int) integer(root, "input_dim", jsonSource);
        long seed = integer(root, "seed", jsonSource);
        Sequential model = new Sequential(inputDim, seed);
        Object layers = root.get("layers");
        if (!(layers instanceof List) || ((List<?>) layers).isEmpty()) {
            throw new IllegalArgumentException(jsonSource + ": 'layers' must be a non-empty list");
        }
        for (Object o : (List<?>) layers) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException(jsonSource + ": every layer must be an object");
            }
            Map<String, Object> l = (Map<String, Object>) o;
            if (!"Dense".equals(l.get("class_name"))) {
                throw new IllegalArgumentException(jsonSource + ": unsupported layer class " + l.get("class_name"));
            }
            model.add(new Dense((int) integer(l, "units", jsonSource), Activation.of(string(l, "activation",
                    jsonSource)), Initializer.of(string(l, "kernel_initializer", jsonSource))));
        }
        SafeTensors.Contents c = SafeTensors.read(weights, weightsSource);
        List<Parameter> params = model.parameters();
        if (c.tensors().size() != params.size()) {
            throw new IllegalArgumentException(weightsSource + ": holds " + c.tensors().size() + " tensors, the "
                    + "architecture needs " + params.size());
        }
        for (Parameter p : params) {
            SafeTensors.Entry e = c.tensors().get(p.name());
            if (e == null) {
                throw new IllegalArgumentException(weightsSource + ": no tensor '" + p.name() + "'");
            }
            if (!java.util.Arrays.equals(e.shape(), p.shape())) {
                throw new IllegalArgumentException(weightsSource + ": tensor '" + p.name() + "' has shape "
                        + java.util.Arrays.toString(e.shape()) + ", the architecture needs "
                        + java.util.Arrays.toString(p.shape()));
            }
            System.arraycopy(e.data(), 0, p.value(), 0, p.size());
        }
        Object compile = root.get("compile");
        if (compile instanceof Map) {
            Map<String, Object> cm = (Map<String, Object>) compile;
            Map<String, Object> lc = (Map<String, Object>) cm.get("loss");
            Map<String, Object> params2 = new LinkedHashMap<>((Map<String, Object>) lc.get("config"));
            Object reduction = params2.remove("reduction");
            params2.replaceAll((k, v) -> v instanceof List ? listToTensor((List<?>) v) : v);
            Loss loss = LossRegistry.standard().create(string(lc, "name", jsonSource), params2,
                    reduction == null ? null : reduction.toString());
            List<String> metrics = new ArrayList<>();
            for (Object m : (List<?>) cm.getOrDefault("metrics", List.of())) {
                metrics.add(String.valueOf(m));
            }
            model.compile(loss, optimizer((Map<String, Object>) cm.get("optimizer"), jsonSource), metrics);
        }
        Object training = root.get("training");
        return new Loaded(model, training instanceof Map ? (Map<String, Object>) training : Map.of());
    }

    private static Tensor listToTensor(List<?> l) {
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return Tensor.of(d, d.length);
    }

    private static Optimizer optimizer(Map<String, Object> c, String source) {
        if (c == null) {
            throw new IllegalArgumentException(source + ": compile has no optimizer");
        }
        String name = string(c, "name", source);
        double lr = number(c, "learning_rate", source);
        if (name.equals("adam")) {
            return new Adam(lr, number(c, "beta_1", source), number(c, "beta_2", source), number(c, "epsilon", source));
        }
        Object nesterov = c.get("nesterov");
        return Optimizers.create(name, lr, c.containsKey("momentum") ? number(c, "momentum", source) : null,
                Boolean.TRUE.equals(nesterov));
    }

    private static long integer(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be an integer, got " + v);
        }
        return (Long) v;
    }

    private static double number(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }

    private static String string(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a string, got " + v);
        }
        return (String) v;
    }
}

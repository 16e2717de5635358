package org.losses4j.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format (Hugging Face, https://github.com/huggingface/safetensors) for float32
 * tensors:
 * <ol>
 *   <li>8 bytes: N, the size of the header, an unsigned 64-bit little-endian integer;</li>
 *   <li>N bytes: a UTF-8 JSON object, one entry per tensor,
 *       {@code "name": {"dtype": "F32", "shape": [13, 16], "data_offsets": [begin, end]}}, and an optional
 *       {@code "__metadata__"} object of string values; we pad it with spaces so the data starts at a multiple of 8
 *       bytes, as the reference writer does;</li>
 *   <li>the data: each tensor's elements, row-major, little-endian, at [begin, end) relative to the start of the
 *       data; the tensors cover the data contiguously, without gaps or overlaps.</li>
 * </ol>
 * The reader checks all of this and refuses anything else (another dtype, a bad offset, a size that does not match
 * the shape, trailing bytes).
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    /**
     * A float32 tensor of the file.
     *
     * @param shape its shape
     * @param data  its elements, row-major
     */
    public record Entry(int[] shape, float[] data) {
        /**
         * Checks that the element count matches the shape.
         *
         * @param data the elements, row-major, as many as the shape's product
         * @throws IllegalArgumentException for a negative dimension or a count that does not match
         * @param shape the tensor's shape
         */
        public Entry {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                        + " elements, got " + data.length);
            }
        }
    }

    /** The file's contents: tensors by name (in file order) and the metadata. */
    public record Contents(Map<String, Entry> tensors, Map<String, String> metadata) {
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} (in that order) and {@code metadata} (sorted by key, so
     * that the bytes do not depend on the map's iteration order: {@code Map.of}'s changes from one JVM to the next).
     *
     * @param tensors the tensors by name, in the order written
     * @param metadata string metadata
     * @return the bytes of a safetensors file holding {@code tensors} (in that order) and {@code metadata} (sorted by key, so that the bytes do not depend on the map's iteration order: {@code Map.of}'s changes from one JVM to the next)
     */
    public static byte[] write(Map<String, Entry> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", new TreeMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("dtype", "F32");
            List<Object> shape = new ArrayList<>();
            for (int d : e.getValue().shape()) {
                shape.add((long) d);
            }
            t.put("shape", shape);
            long size = 4L * e.getValue().data().length;
            t.put("data_offsets", List.of(offset, offset + size));
            offset += size;
            header.put(e.getKey(), t);
        }
        byte[] json = MiniJson.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded);
        b.put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        for (Entry e : tensors.values()) {
            for (float f : e.data()) {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    /**
     * Parses a safetensors file.
     *
     * @param source names the file in messages
     * @param bytes the file's bytes
     * @return the tensors and metadata of the file
     * @throws IllegalArgumentException when the bytes do not follow the format, naming the problem
     */
    @SuppressWarnings("unchecked")
    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(source + ": not a safetensors file (shorter than 8 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
            throw new IllegalArgumentException(source + ": not a safetensors file (header size " + Long.toUnsignedString(n)
                    + " for a file of " + bytes.length + " bytes)");
        }
        String text = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException(source + ": the safetensors header is not a JSON object");
        }
        Object parsed = MiniJson.parse(text, source + " (header)");
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException(source + ": the safetensors header is not a JSON object");
        }
        Map<String, Object> header = (Map<String, Object>) parsed;
        long dataStart = 8 + n;
        long dataLen = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        record Span(String name, long begin, long end, int[] shape) {
        }
        List<Span> spans = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map)) {
                    throw new IllegalArgumentException(source + ": __metadata__ must be an object of strings");
                }
                for (Map.Entry<String, Object> m : ((Map<String, Object>) e.getValue()).entrySet()) {
                    if (!(m.getValue() instanceof String)) {
                        throw new IllegalArgumentException(source + ": __metadata__ value of '" + m.getKey()
                                + "' must be a string");
                    }
                    metadata.put(m.getKey(), (String) m.getValue());
                }
                continue;
            }
            if (!(e.getValue() instanceof Map)) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' must be described by an object");
            }
            Map<String, Object> t = (Map<String, Object>) e.getValue();
            if (!"F32".equals(t.get("dtype"))) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' has dtype " + t.get("dtype")
                        + "; losses4j reads F32 only");
            }
            int[] shape = shape(t.get("shape"), source, name);
            long[] offsets = offsets(t.get("data_offsets"), source, name);
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (offsets[1] - offsets[0] != 4 * count) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' of shape "
                        + Arrays.toString(shape) + " needs " + 4 * count + " bytes, its data_offsets give "
                        + (offsets[1] - offsets[0]));
            }
            spans.add(new Span(name, offsets[0], offsets[1], shape));
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort((x, y) -> Long.compare(x.begin(), y.begin()));
        long expected = 0;
        for (Span s : sorted) {
            if (s.begin() != expected) {
                throw new IllegalArgumentException(source + ": tensor '" + s.name() + "' starts at byte " + s.begin()
                        + " of the data, expected " + expected + " (tensors must cover the data without gaps or "
                        + "overlaps)");
            }
            expected = s.end();
        }
        if (expected != dataLen) {
            throw new IllegalArgumentException(source + ": the tensors cover " + expected + " bytes of data, the file "
                    + "has " + dataLen);
        }
        Map<String, Entry> tensors = new LinkedHashMap<>();
        for (Span s : spans) {
            float[] data = new float[(int) ((s.end() - s.begin()) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (dataStart + s.begin()), (int) (s.end() - s.begin()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(data);
            tensors.put(s.name(), new Entry(s.shape(), data));
        }
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static long[] offsets(Object o, String source, String name) {
        if (!(o instanceof List) || ((List<?>) o).size() != 2) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' needs data_offsets [begin, end]");
        }
        long[] r = new long[2];
        for (int i = 0; i < 2; i++) {
            Object v = ((List<?>) o).get(i);
            if (!(v instanceof Long) || (Long) v < 0) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' has a bad data offset " + v);
            }
            r[i] = (Long) v;
        }
        if (r[1] < r[0]) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' ends before it begins");
        }
        return r;
    }

    private static int[] shape(Object o, String source, String name) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' needs a shape list");
        }
        List<?> l = (List<?>) o;
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            Object v = l.get(i);
            if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' has a bad shape entry "
                        + v);
            }
            r[i] = (int) (long) (Long) v;
        }
        return r;
    }
}

package org.losses4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.loss.LossRegistry;
import org.losses4j.nn.Activation;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.Initializer;
import org.losses4j.nn.Parameter;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.TrainTestSplit;
import org.losses4j.nn.optim.Adam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Save/load round trip, and the weights file checked against the safetensors format. */
class ModelIOTest {
    @TempDir
    Path dir;

    private static Sequential trained() {
        Sequential m = new Sequential(13, 42);
        m.add(new Dense(16, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM));
        m.add(new Dense(1, Activation.LINEAR));
        m.compile(LossRegistry.standard().create("huber_loss", Map.of("delta", 1.5), null), new Adam(), "mae");
        m.fit(BostonHousing.load().train(), new FitOptions(2, 32, 0.2, true, 42));
        return m;
    }

    @Test
    void safetensorsBytesDoNotDependOnTheMetadataMapsOrder() {
        Map<String, SafeTensors.Entry> t = new java.util.LinkedHashMap<>();
        t.put("w", new SafeTensors.Entry(new int[] {2}, new float[] {1f, 2f}));
        Map<String, String> ab = new java.util.LinkedHashMap<>();
        ab.put("format", "pt");
        ab.put("producer", "losses4j");
        Map<String, String> ba = new java.util.LinkedHashMap<>();
        ba.put("producer", "losses4j");
        ba.put("format", "pt");
        assertThat(SafeTensors.write(t, ba)).isEqualTo(SafeTensors.write(t, ab));
        assertThat(SafeTensors.read(SafeTensors.write(t, ba), "test").metadata()).isEqualTo(ab);
    }

    @Test
    void roundTripIsBitExact() throws Exception {
        Sequential m = trained();
        ModelIO.save(m, Map.of("epochs", 2L, "loss", "huber_loss"), dir, "model");
        assertThat(dir.resolve("model.json")).exists();
        assertThat(dir.resolve("model.safetensors")).exists();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.json",
                    "model.safetensors");
        }
        ModelIO.Loaded l = ModelIO.load(dir, "model");
        Sequential back = l.model();
        assertThat(back.inputDim()).isEqualTo(13);
        assertThat(back.layers()).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(back.layers().get(k).units()).isEqualTo(m.layers().get(k).units());
            assertThat(back.layers().get(k).activation()).isEqualTo(m.layers().get(k).activation());
        }
        for (int i = 0; i < m.parameters().size(); i++) {
            assertThat(back.parameters().get(i).value()).containsExactly(m.parameters().get(i).value());
        }
        TrainTestSplit s = BostonHousing.load();
        assertThat(back.predict(s.test())).containsExactly(m.predict(s.test()));
        assertThat(l.training()).containsEntry("loss", "huber_loss");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("losses4j.sequential");
        assertThat(json.get("weights").asText()).isEqualTo("model.safetensors");
    }

    /** https://github.com/huggingface/safetensors#format, checked independently of our reader. */
    @Test
    void weightsFollowTheSafetensorsFormat() throws Exception {
        Sequential m = trained();
        byte[] bytes = ModelIO.weights(m);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertThat(n).isPositive().isLessThan(100_000_000L);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{");
        assertThat(header.stripTrailing()).endsWith("}");
        assertThat((8 + n) % 8).as("data buffer aligned").isZero();
        JsonNode h = new ObjectMapper().readTree(header);
        long dataLen = bytes.length - 8 - n;
        List<Parameter> params = m.parameters();
        long expectedStart = 0;
        int seen = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(kv -> assertThat(kv.getValue().isTextual()).isTrue());
                continue;
            }
            Parameter p = params.stream().filter(q -> q.name().equals(e.getKey())).findFirst().orElseThrow();
            JsonNode t = e.getValue();
            assertThat(t.get("dtype").asText()).isEqualTo("F32");
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
            }
            assertThat(shape).containsExactly(p.shape());
            long start = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertThat(start).isEqualTo(expectedStart);
            assertThat(end - start).isEqualTo(4L * p.size());
            ByteBuffer d = ByteBuffer.wrap(bytes, (int) (8 + n + start), (int) (end - start))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < p.size(); i++) {
                assertThat(d.getFloat()).isEqualTo(p.value()[i]);
            }
            expectedStart = end;
            seen++;
        }
        assertThat(seen).isEqualTo(params.size());
        assertThat(expectedStart).as("the buffer is exactly covered").isEqualTo(dataLen);
    }

    @Test
    void corruptFilesAreRefusedWithAMessage() throws Exception {
        Sequential m = trained();
        ModelIO.save(m, Map.of(), dir, "model");
        byte[] w = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("model.safetensors"), java.util.Arrays.copyOf(w, w.length - 4));
        assertThatThrownBy(() -> ModelIO.load(dir, "model")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.safetensors");
    }
}

package org.losses4j.nn.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.losses4j.nn.Fixture;

import com.fasterxml.jackson.databind.JsonNode;

/** numpy's legacy RandomState, bit for bit (fixtures: numpy 1.24, tools/training/generate.py). */
class NumpyRandomStateTest {
    @Test
    void rawOutputsEqualNumpy() {
        NumpyRandomState r = new NumpyRandomState(113);
        JsonNode raw = Fixture.training().get("mt19937_seed113_raw");
        assertThat(raw.size()).isEqualTo(2000);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(r.nextUint32()).as("output %d", i).isEqualTo(raw.get(i).asLong());
        }
    }

    @Test
    void referenceMt19937() {
        assertThat(new NumpyRandomState(5489).nextUint32()).isEqualTo(3499211612L);
        assertThat(new NumpyRandomState(113).nextUint32()).isEqualTo(3659249829L);
    }

    @Test
    void shufflesEqualNumpyForEveryCase() throws Exception {
        int cases = 0;
        for (JsonNode c : Fixture.training().get("shuffle")) {
            int n = c.get("n").asInt();
            long seed = c.get("seed").asLong();
            int[] p = new NumpyRandomState(seed).permutation(n);
            String label = "n=" + n + " seed=" + seed;
            if (c.has("permutation")) {
                assertThat(p).as(label).containsExactly(Fixture.ints(c.get("permutation")));
            }
            int[] head = Fixture.ints(c.get("head"));
            int[] tail = Fixture.ints(c.get("tail"));
            assertThat(java.util.Arrays.copyOf(p, head.length)).as(label).containsExactly(head);
            assertThat(java.util.Arrays.copyOfRange(p, n - tail.length, n)).as(label).containsExactly(tail);
            String joined = IntStream.of(p).mapToObj(Integer::toString).collect(Collectors.joining(","));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(joined.getBytes(StandardCharsets.US_ASCII)));
            assertThat(sha).as(label).isEqualTo(c.get("sha256").asText());
            cases++;
        }
        assertThat(cases).isEqualTo(11);
    }

    @Test
    void seed113GivesKerasBostonSplit() {
        JsonNode split = Fixture.read("/fixtures/keras_split.json");
        assertThat(new NumpyRandomState(113).permutation(506)).containsExactly(Fixture.ints(split.get("permutation")));
    }

    @Test
    void specVectors() {
        NumpyRandomState r = new NumpyRandomState(113);
        int[] p = r.permutation(506);
        assertThat(java.util.Arrays.copyOf(p, 10)).containsExactly(22, 202, 368, 335, 461, 323, 382, 143, 146, 141);
        assertThat(java.util.Arrays.copyOfRange(p, 501, 506)).containsExactly(364, 74, 162, 220, 165);
        // 505 swaps consume 679 outputs (174 rejections): the next output is number 680 of the stream
        NumpyRandomState fresh = new NumpyRandomState(113);
        for (int i = 0; i < 679; i++) {
            fresh.nextUint32();
        }
        assertThat(r.nextUint32()).isEqualTo(fresh.nextUint32());
    }

    @Test
    void doublesEqualNumpy() {
        NumpyRandomState r = new NumpyRandomState(7);
        for (double d : Fixture.doubles(Fixture.training().get("random_sample_seed7"))) {
            assertThat(r.randomSample()).isEqualTo(d);
        }
        NumpyRandomState u = new NumpyRandomState(5);
        for (double d : Fixture.doubles(Fixture.training().get("uniform_seed5"))) {
            assertThat(u.uniform(-0.25, 0.75)).isEqualTo(d);
        }
        NumpyRandomState g = new NumpyRandomState(3);
        for (double d : Fixture.doubles(Fixture.training().get("standard_normal_seed3"))) {
            assertThat(g.standardNormal()).isCloseTo(d, within(1e-15 * Math.max(1, Math.abs(d))));
        }
    }

    @Test
    void intervalIsInclusiveAndMasked() {
        NumpyRandomState r = new NumpyRandomState(1);
        assertThat(r.randomInterval(0)).isZero();
        for (int i = 0; i < 1000; i++) {
            assertThat(r.randomInterval(5)).isBetween(0L, 5L);
        }
    }

    @Test
    void seedsOutsideNumpysRangeAreRefused() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessage("seed must be between 0 and 2**32 - 1, got -1");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("got 4294967296");
        assertThat(new NumpyRandomState(0xffffffffL).permutation(3)).containsExactlyInAnyOrder(0, 1, 2);
    }
}

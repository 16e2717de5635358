package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.testing.VectorApiRun;

/**
 * The result does not depend on the thread count: {@link ThreadCountProbe}'s losses, run in JVMs started with
 * {@code -Dlosses4j.threads=1, 2, 3 and 8} (the property is read once, when the kernels are first used, so each
 * count needs its own JVM), give bit-identical values and gradients, and the same as this JVM. The child JVMs run in
 * this JVM's mode (with the Vector API module when this one has it).
 */
@Tag(VectorApiRun.TAG)
class ThreadCountTest {
    @Test
    void valuesAndGradientsAreBitIdenticalAtOneTwoThreeAndEightThreads() throws Exception {
        List<String> here = ThreadCountProbe.digests();
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<String> lines = runProbe(threads);
            assertThat(lines.get(0)).as("the property sets the thread count").isEqualTo("threads " + threads);
            assertThat(lines.subList(1, lines.size())).as("%d threads against this JVM's %d", threads,
                    Parallel.threads()).isEqualTo(here);
        }
    }

    private static List<String> runProbe(int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Dlosses4j.threads=" + threads);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ThreadCountProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        assertThat(p.exitValue()).as("probe at %d threads: %s", threads, err).isZero();
        return Arrays.asList(new String(out, StandardCharsets.UTF_8).strip().split("\n"));
    }
}

package org.losses4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.testing.VectorApiRun;

/**
 * Which kernels run. The build runs the core tests twice: once as a user's JVM starts by default (no
 * {@code --add-modules}: the plain loops), and once with {@code --add-modules jdk.incubator.vector} and
 * {@code -Dlosses4j.test.expectSimd=true} (the Vector API kernels). This test fails if a run is not in the mode it
 * is meant to test, so the vector run cannot silently fall back to the plain loops.
 */
@Tag(VectorApiRun.TAG)
class SimdModeTest {
    @Test
    void theKernelsAreTheOnesThisRunIsMeantToTest() {
        boolean expected = Boolean.getBoolean("losses4j.test.expectSimd");
        assertEquals(expected, Simd.enabled(), () -> "expected " + (expected ? "the Vector API kernels" : "the plain"
                + " loops") + ", running: " + Simd.describe());
        assertEquals(expected, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }

    @Test
    void describeSaysWhatRuns() {
        String d = Simd.describe();
        assertTrue(Simd.enabled() ? d.startsWith("Vector API, ") && d.contains("float lanes")
                : d.startsWith("plain loops"), d);
    }
}

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

    /** Without the module, one line says how to enable the Vector API, as Lucene's; none when plain is asked for. */
    @Test
    void theFallbackIsLoggedOnceWithHowToEnable() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        System.Logger log = new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(level + " " + msg);
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                lines.add(level + " " + format);
            }
        };
        assertEquals(PlainKernels.INSTANCE, Simd.load("auto", false, log));
        assertEquals(java.util.List.of("INFO " + Simd.NO_VECTOR_MODULE), lines);
        assertTrue(lines.get(0).contains("--add-modules jdk.incubator.vector") && !lines.get(0).contains("\n"));
        lines.clear();
        assertEquals(PlainKernels.INSTANCE, Simd.load("false", false, log));
        assertEquals(PlainKernels.INSTANCE, Simd.load("false", true, log));
        assertEquals(java.util.List.of(), lines);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            assertTrue(Simd.load("auto", true, log) != PlainKernels.INSTANCE);
            assertEquals(java.util.List.of(), lines);
        }
    }

    @Test
    void describeSaysWhatRuns() {
        String d = Simd.describe();
        assertTrue(Simd.enabled() ? d.startsWith("Vector API, ") && d.contains("float lanes")
                : d.startsWith("plain loops"), d);
    }
}

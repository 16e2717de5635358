package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

/**
 * The choice of kernels for the {@code losses4j.simd} settings {@link SimdModeTest} does not try: {@code off} (any
 * case, with spaces) and a JVM where the Vector API kernels cannot be loaded although the module is said to be there.
 */
class SimdLoadTest {
    /** A logger that keeps each line as "LEVEL message". */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void offInAnyCaseKeepsThePlainLoopsSilently() {
        for (String off : new String[] {"off", " OFF ", "Off", " false"}) {
            Lines log = new Lines();
            assertThat(Simd.load(off, true, log)).as("losses4j.simd=%s", off).isSameAs(PlainKernels.INSTANCE);
            assertThat(log.lines).as("losses4j.simd=%s", off).isEmpty();
        }
    }

    @Test
    void kernelsThatCannotLoadFallBackToThePlainLoopsWithOneLine() {
        // Without the module in this JVM, loading VectorApiKernels fails to link, as on a JDK whose incubator API
        // differs from the one compiled against.
        assumeFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this JVM has the module: the Vector API kernels load");
        Lines log = new Lines();
        assertThat(Simd.load("auto", true, log)).isSameAs(PlainKernels.INSTANCE);
        assertThat(log.lines).hasSize(1);
        assertThat(log.lines.get(0)).startsWith("INFO losses4j: the Vector API kernels cannot run on this JVM (")
                .endsWith("); the kernels run as plain loops").doesNotContain("\n");
    }
}

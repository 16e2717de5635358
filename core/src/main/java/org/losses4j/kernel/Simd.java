package org.losses4j.kernel;

/**
 * Whether the kernels run on the JDK's Vector API, decided once, when this class is initialised.
 *
 * <p>The default is the plain loops, which C2 auto-vectorises on any JDK from 17 without a flag. When the JVM is
 * started with {@code --add-modules jdk.incubator.vector} (the module is then in the boot layer), the kernels listed
 * in {@link VectorKernels} run on explicit SIMD code instead: the same values and gradients bit for bit (binary
 * cross-entropy on logits: within a few ulp of a double reference, as the plain loop is), faster
 * where the plain loops are limited by what C2 can vectorise (NaN-correct min/max, the exponent bits of an
 * exponential). docs/BENCHMARKS.md gives the measured difference. The JVM prints a one-line warning about the
 * incubator module on start; that is the JDK's, not ours.
 *
 * <p>The system property {@code losses4j.simd=false} keeps the plain loops even when the module is present (to
 * compare, or to rule the vector code out).
 *
 * <p>When the module is absent, one line is logged through {@link System.Logger} (logger {@code
 * org.losses4j.kernel}, level INFO) saying how to enable it, as Lucene does; nothing is logged when the plain loops
 * were asked for. The {@code ./losses4j} launcher adds the module whenever the JDK has it.
 */
public final class Simd {
    /** The kernels in use: the Vector API's, or the plain loops ({@link #enabled()} tells which). */
    public static final VectorKernels KERNELS = load();

    private Simd() {
    }

    /**
     * Whether the Vector API kernels are in use.
     *
     * @return whether the Vector API kernels are in use
     */
    public static boolean enabled() {
        return KERNELS != PlainKernels.INSTANCE;
    }

    /**
     * A one-line description of what runs, for logs and benchmark reports.
     *
     * @return a one-line description of what runs, for logs and benchmark reports
     */
    public static String describe() {
        return KERNELS.describe();
    }

    /** The line logged when the plain loops run because the module is absent. */
    static final String NO_VECTOR_MODULE = "losses4j: the Vector API module is not in this JVM, so the kernels run "
            + "as plain loops; start the JVM with --add-modules jdk.incubator.vector for the faster Vector API "
            + "kernels (or set -Dlosses4j.simd=false to silence this)";

    private static VectorKernels load() {
        return load(System.getProperty("losses4j.simd", "auto"),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                System.getLogger("org.losses4j.kernel"));
    }

    /**
     * The kernels for a {@code losses4j.simd} setting and the presence of the module; logs {@link
     * #NO_VECTOR_MODULE} to {@code log} when the module is absent and the plain loops were not asked for.
     */
    static VectorKernels load(String property, boolean modulePresent, System.Logger log) {
        String p = property.trim();
        if (p.equalsIgnoreCase("false") || p.equalsIgnoreCase("off")) {
            return PlainKernels.INSTANCE;
        }
        if (!modulePresent) {
            log.log(System.Logger.Level.INFO, NO_VECTOR_MODULE);
            return PlainKernels.INSTANCE;
        }
        try {
            // By name, so that nothing links against jdk.incubator.vector unless the module is there.
            Class<?> c = Class.forName("org.losses4j.kernel.VectorApiKernels");
            return (VectorKernels) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // A JDK whose incubator API differs from the one compiled against, or a platform without SIMD lanes:
            // the plain loops are always correct.
            log.log(System.Logger.Level.INFO, "losses4j: the Vector API kernels cannot run on this JVM ("
                    + e.getClass().getSimpleName() + "); the kernels run as plain loops");
            return PlainKernels.INSTANCE;
        }
    }
}

package org.losses4j.testing;

/**
 * The tag of the test classes that the build runs a second time with {@code --add-modules jdk.incubator.vector}
 * (core/pom.xml's {@code vector-api} execution selects them by it): the kernels, the conformance and gradient suites,
 * and the tests of the losses with Vector API kernels. Tag a new such test class with
 * {@code @Tag(VectorApiRun.TAG)} (and jqwik's {@code @net.jqwik.api.Tag} for its properties).
 */
public final class VectorApiRun {
    /** {@value}. */
    public static final String TAG = "vector-api";

    private VectorApiRun() {
    }
}

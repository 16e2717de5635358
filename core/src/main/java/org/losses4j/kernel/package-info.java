/**
 * Building blocks of the numerical kernels: deterministic block-parallel loops ({@link org.losses4j.kernel.Parallel})
 * a fast float exponential that C2 auto-vectorises ({@link org.losses4j.kernel.FastMath}), and the switch to the
 * JDK's Vector API kernels ({@link org.losses4j.kernel.Simd}, {@link org.losses4j.kernel.VectorKernels}), used only
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
package org.losses4j.kernel;

/**
 * Building blocks of the numerical kernels: deterministic block-parallel loops ({@link org.losses4j.kernel.Parallel})
 * and a fast float exponential that C2 auto-vectorises ({@link org.losses4j.kernel.FastMath}).
 */
package org.losses4j.kernel;

/** Building blocks of the numerical kernels: deterministic block-parallel loops. */
package org.losses4j.kernel;

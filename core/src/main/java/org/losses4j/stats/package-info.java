/**
 * Robust statistics: quantiles with numpy's default (linear) method and Tukey's fences for outliers. A home for
 * further robust scale rules (MAD, IQR-based scales).
 */
package org.losses4j.stats;

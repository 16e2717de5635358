/**
 * Streaming evaluation metrics with Keras's semantics (MAE, MSE, RMSE): accumulated over batches, reported over all
 * samples seen.
 */
package org.losses4j.metrics;

/**
 * Data for training: the in-memory {@link org.losses4j.nn.data.Dataset}, Keras's shuffled train/test split
 * ({@link org.losses4j.nn.data.TrainTestSplit}), standardisation fitted on the training part
 * ({@link org.losses4j.nn.data.Standardizer}) and the bundled Boston housing data
 * ({@link org.losses4j.nn.data.BostonHousing}).
 */
package org.losses4j.nn.data;

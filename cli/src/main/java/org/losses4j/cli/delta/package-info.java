/**
 * {@code losses4j delta suggest}, {@code losses4j delta sweep} and {@code losses4j plot-losses}: choosing the Huber
 * threshold δ from data, see docs/CHOOSING_DELTA.md.
 */
package org.losses4j.cli.delta;

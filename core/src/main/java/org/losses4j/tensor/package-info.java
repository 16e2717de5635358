/** The float32 (and int64 index) tensor type: row-major storage, immutable shape. */
package org.losses4j.tensor;

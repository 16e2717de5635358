/**
 * Saving and loading models: safetensors weights ({@link org.losses4j.nn.io.SafeTensors}) plus a JSON description
 * ({@link org.losses4j.nn.io.ModelIO}), read and written by a small internal JSON codec confined to this package
 * (nn depends on core only). Never Java serialisation.
 */
package org.losses4j.nn.io;

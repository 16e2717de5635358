/**
 * A small, fast training stack with Keras's semantics: {@link org.losses4j.nn.Dense} layers with Keras's
 * activations and initialisers, the {@link org.losses4j.nn.Sequential} model trained with any loss of core, its
 * {@link org.losses4j.nn.History} and {@link org.losses4j.nn.Callback}s. Optimisers are in
 * {@code org.losses4j.nn.optim}, data in {@code org.losses4j.nn.data}, saving and loading in
 * {@code org.losses4j.nn.io}.
 */
package org.losses4j.nn;

/** Optimisers with Keras's update rules and defaults: {@link org.losses4j.nn.optim.Adam} and
 * {@link org.losses4j.nn.optim.SGD} (momentum, Nesterov). */
package org.losses4j.nn.optim;

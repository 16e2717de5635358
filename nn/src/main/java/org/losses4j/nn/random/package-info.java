/** numpy's legacy random generator (MT19937), reproduced bit for bit for shuffles and initialisers. */
package org.losses4j.nn.random;

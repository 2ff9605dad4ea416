/** Explores a small scenario with the engine API and prints the best result per strategy. */
@NullMarked
package dev.afd.examples.explore;

import org.jspecify.annotations.NullMarked;

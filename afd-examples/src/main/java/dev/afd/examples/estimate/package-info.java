/** Estimates one fully specified deployment by narrowing a strategy's options to single values. */
@NullMarked
package dev.afd.examples.estimate;

import org.jspecify.annotations.NullMarked;

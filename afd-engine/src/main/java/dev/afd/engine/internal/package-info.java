/** Engine internals: plugin loading and validation. No compatibility promise. */
@NullMarked
package dev.afd.engine.internal;

import org.jspecify.annotations.NullMarked;

/**
 * What the built-in strategies share: knobs, step pricing through the engine's cost and network
 * models, memory accounting and the queueing assumption.
 */
@NullMarked
package dev.afd.plugin.strategies.common;

import org.jspecify.annotations.NullMarked;

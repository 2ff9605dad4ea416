/**
 * The afd engine: plugin discovery ({@link dev.afd.engine.AfdEngine}), cost and network models,
 * design-space search and reports.
 */
@NullMarked
package dev.afd.engine;

import org.jspecify.annotations.NullMarked;

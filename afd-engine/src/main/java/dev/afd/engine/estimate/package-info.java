/**
 * {@code afd estimate}: one fully specified configuration, broken down per step, layer and operator
 * ({@link dev.afd.engine.estimate.Estimator}).
 */
@NullMarked
package dev.afd.engine.estimate;

import org.jspecify.annotations.NullMarked;

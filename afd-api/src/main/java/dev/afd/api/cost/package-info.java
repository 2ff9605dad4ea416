/**
 * Kernel cost models: operator to time, with the fidelity of each answer ({@link
 * dev.afd.api.cost.KernelCostModel}).
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.cost;

import org.jspecify.annotations.NullMarked;

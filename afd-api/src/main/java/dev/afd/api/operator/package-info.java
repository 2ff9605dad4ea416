/**
 * The operator vocabulary shared by models and cost models: GEMMs, MoE experts, attention,
 * state-space scans, memory-bound kernels and collectives.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.operator;

import org.jspecify.annotations.NullMarked;

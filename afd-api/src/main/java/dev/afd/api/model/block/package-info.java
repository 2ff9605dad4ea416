/**
 * The built-in blocks: GQA/MHA attention (with sliding windows and sinks), MLA, DeepSeek sparse
 * attention, the Mamba2 mixer, dense and MoE feed-forward layers, embedding and LM head.
 *
 * <p>Every block is an immutable record that knows its parameters, its weight, KV-cache and state
 * bytes per device under a {@link dev.afd.api.model.Sharding}, and emits the operators of one step
 * with their FLOPs and bytes. Conventions shared by all blocks:
 *
 * <ul>
 *   <li>The step shape a mixer or edge block receives is the work of one attention data-parallel
 *       rank; attention tensor parallelism shards heads (KV heads are replicated when the degree
 *       exceeds them; the MLA latent is never split).
 *   <li>A feed-forward block receives the tokens reaching its MoE (expert-parallel) group; the
 *       token-local kernels of one device (norm, router, shared experts, latent projections, dense
 *       FFN) process {@code ceil(tokens / expertParallel)} of them.
 *   <li>Every block starts with its RMSNorm, emitted as a {@link
 *       dev.afd.api.operator.MemoryOperator} that reads and writes the tokens' activations once and
 *       reads the BF16 norm weight: {@code 2·T·width·b_a + 2·width} bytes and {@code 4·T·width}
 *       FLOPs (square, sum, scale, weight).
 *   <li>Small vectors (norm weights, biases, sinks, router) are stored in BF16 whatever the block's
 *       weight precision, as the publishers' checkpoints keep them.
 *   <li>With a tensor-parallel degree above one, attention and feed-forward blocks end with an
 *       all-reduce of {@code T·h·b_a} bytes in their tensor group.
 * </ul>
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.model.block;

import org.jspecify.annotations.NullMarked;

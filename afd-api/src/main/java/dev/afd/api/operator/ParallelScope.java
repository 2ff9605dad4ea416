package dev.afd.api.operator;

/**
 * The parallel group a {@link CollectiveOperator} runs in.
 *
 * @since 0.1
 */
public enum ParallelScope {
  /** Attention tensor parallelism. */
  ATTENTION_TENSOR,
  /** MoE or dense-FFN tensor parallelism. */
  FFN_TENSOR,
  /** Expert parallelism (dispatch and combine). */
  EXPERT,
  /** The attention-DP × TP group that exchanges tokens with the MoE group. */
  ATTENTION_DATA
}

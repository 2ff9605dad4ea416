package dev.afd.api.model;

/**
 * Where a block runs under attention-FFN disaggregation.
 *
 * @since 0.1
 */
public enum BlockRole {
  /** Token mixing (attention, MLA, DSA, Mamba2): runs on attention devices, owns the KV cache. */
  MIXER,
  /** Feed-forward (dense or MoE): runs on FFN devices. */
  FEED_FORWARD,
  /** Embedding and LM head: run with the mixers (on attention devices under AFD). */
  EDGE
}

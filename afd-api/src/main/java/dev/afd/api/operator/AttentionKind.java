package dev.afd.api.operator;

/**
 * The attention variant of an {@link AttentionOperator}; cost models map each onto their tables.
 *
 * @since 0.1
 */
public enum AttentionKind {
  /** Multi-head or grouped-query attention (optionally with a sliding window). */
  GQA,
  /** MLA in prefill, unabsorbed: multi-head attention with QK dim nope+rope and V dim v_head. */
  MLA_UNABSORBED,
  /** MLA in decode, absorbed: attention over the shared latent (QK 576, V 512 for DeepSeek). */
  MLA_ABSORBED,
  /** DeepSeek sparse attention: MLA over the top-k tokens the indexer picks. */
  SPARSE_MLA,
  /** DeepSeek lightning indexer: scores every cached token per query. */
  SPARSE_INDEXER
}

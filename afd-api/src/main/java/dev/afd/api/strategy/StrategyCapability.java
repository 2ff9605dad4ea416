package dev.afd.api.strategy;

/**
 * Something a strategy declares it can do; the TCK verifies each declaration.
 *
 * @since 0.1
 */
public enum StrategyCapability {
  /** Separate prefill and decode pools, with a KV transfer between them. */
  PREFILL_DECODE_DISAGGREGATION,
  /** Attention and FFN on separate device groups. */
  ATTENTION_FFN_DISAGGREGATION,
  /** Different accelerators per role (results report devices per role and system). */
  HETEROGENEOUS_HARDWARE,
  /** Reused prefix KV is resident and not recomputed. */
  PREFIX_REUSE
}

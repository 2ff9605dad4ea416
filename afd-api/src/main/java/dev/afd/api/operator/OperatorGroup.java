package dev.afd.api.operator;

/**
 * What part of a layer an operator belongs to; strategies use it to place operators on attention or
 * FFN devices and to break step time down.
 *
 * @since 0.1
 */
public enum OperatorGroup {
  /** Attention or mixer projections and core (GQA, MLA, DSA, Mamba2). */
  ATTENTION,
  /** The MoE router (gate) GEMM and top-k; AFD may place it on either side. */
  ROUTER,
  /** Routed experts. */
  MOE_EXPERTS,
  /** Shared experts. */
  SHARED_EXPERTS,
  /** A dense FFN (first-k dense layers or dense models). */
  DENSE_FFN,
  /** Norms, residual adds and other memory-bound glue. */
  NORM,
  /** Token embedding lookup. */
  EMBEDDING,
  /** The final norm and LM-head GEMM. */
  LM_HEAD,
  /** Collectives inside a parallel group (tensor, expert, data parallel). */
  COMMUNICATION;

  /** {@return whether AFD runs this group on the FFN devices (router excluded: a knob decides)} */
  public boolean isFeedForward() {
    return this == MOE_EXPERTS || this == SHARED_EXPERTS || this == DENSE_FFN;
  }
}

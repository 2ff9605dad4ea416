package dev.afd.api.operator;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.Precision;

/**
 * The attention core (scores, softmax, weighted sum) of {@code sequences} identical sequences on
 * one device; projections are separate {@link GemmOperator}s.
 *
 * <p>Each sequence has {@code cachedTokens} of context and adds {@code newTokens} (1 in decode).
 * New token {@code i} (1-based) attends {@code min(cachedTokens + i, span)} positions, where the
 * span is the sliding window or the sparse top-k when set (0 = unlimited). FLOPs: {@code
 * 2·heads·(qkHeadDim + vHeadDim)} per attended position ({@code 4·H·d} for {@code d = qk = v}).
 * Bytes: every attended cached position's KV ({@code kvBytesPerToken}, this device's share, one
 * layer) read once per sequence, the new tokens' KV written, queries and outputs at the activation
 * precision.
 *
 * @param name short name
 * @param kind attention variant
 * @param sequences sequences in the batch, {@code >= 1}
 * @param newTokens new tokens per sequence, {@code >= 1}
 * @param cachedTokens cached context per sequence, {@code >= 0}
 * @param heads query heads on this device
 * @param kvHeads key/value heads on this device (1 for the MLA latent)
 * @param qkHeadDim query/key dimension per head
 * @param vHeadDim value dimension per head
 * @param span window or top-k limit on attended positions, 0 for none
 * @param kvBytesPerToken KV bytes per token for one layer on this device
 * @param kvPrecision KV cache format
 * @param activationPrecision query/output format
 * @since 0.1
 */
public record AttentionOperator(
    String name,
    AttentionKind kind,
    long sequences,
    long newTokens,
    long cachedTokens,
    int heads,
    int kvHeads,
    int qkHeadDim,
    int vHeadDim,
    long span,
    double kvBytesPerToken,
    Precision kvPrecision,
    Precision activationPrecision)
    implements Operator {

  /**
   * Validates the shape.
   *
   * @param name name
   * @param kind kind
   * @param sequences sequences
   * @param newTokens new tokens
   * @param cachedTokens cached tokens
   * @param heads heads
   * @param kvHeads KV heads
   * @param qkHeadDim QK dim
   * @param vHeadDim V dim
   * @param span span
   * @param kvBytesPerToken KV bytes per token
   * @param kvPrecision KV precision
   * @param activationPrecision activation precision
   */
  public AttentionOperator {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(kvPrecision, "kvPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
    if (sequences < 1 || newTokens < 1 || cachedTokens < 0 || heads < 1 || kvHeads < 1) {
      throw new IllegalArgumentException(
          "attention '" + name + "' needs sequences, newTokens, heads, kvHeads >= 1");
    }
    if (qkHeadDim < 1 || vHeadDim < 1 || span < 0 || !(kvBytesPerToken >= 0)) {
      throw new IllegalArgumentException(
          "attention '" + name + "' needs head dims >= 1, span >= 0, kvBytesPerToken >= 0");
    }
  }

  /** {@return whether this is a decode step (one new token per sequence)} */
  public boolean isDecode() {
    return newTokens == 1;
  }

  /** {@return attended positions summed over the new tokens of one sequence} */
  public double attendedPositionsPerSequence() {
    long first = cachedTokens + 1;
    long last = cachedTokens + newTokens;
    if (span == 0 || last <= span) {
      // Σ_{p=first..last} p
      return (first + last) * (double) newTokens / 2.0;
    }
    if (first >= span) {
      return span * (double) newTokens;
    }
    double belowSpan = (first + span) * (double) (span - first + 1) / 2.0;
    return belowSpan + span * (double) (last - span);
  }

  /** {@return cached positions read per sequence: the whole context, or the span} */
  public double positionsReadPerSequence() {
    long context = cachedTokens + newTokens;
    return span == 0 ? context : Math.min(context, span);
  }

  @Override
  public double flops() {
    return 2.0 * heads * (qkHeadDim + vHeadDim) * attendedPositionsPerSequence() * sequences;
  }

  @Override
  public double memoryBytes() {
    double kv = sequences * (positionsReadPerSequence() + newTokens) * kvBytesPerToken;
    double activations =
        sequences
            * newTokens
            * (double) heads
            * (qkHeadDim + vHeadDim)
            * activationPrecision.bytesPerElement();
    return kv + activations;
  }

  @Override
  public Precision computePrecision() {
    return kvPrecision.bits() <= 8 ? Precision.FP8 : Precision.BF16;
  }
}

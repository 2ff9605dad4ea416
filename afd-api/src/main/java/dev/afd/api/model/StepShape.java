package dev.afd.api.model;

import java.util.List;

/**
 * The work of one forward step on one data-parallel rank: one or more batches of identical
 * sequences (a mixed chunked-prefill iteration has a decode batch and a prefill batch).
 *
 * @param batches the batches, at least one
 * @since 0.1
 */
public record StepShape(List<SequenceBatch> batches) {

  /**
   * Validates the shape.
   *
   * @param batches batches
   */
  public StepShape {
    batches = List.copyOf(batches);
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one sequence batch");
    }
  }

  /**
   * {@return a decode step: {@code sequences} sequences each adding one token at {@code context}}
   *
   * @param sequences sequences
   * @param context cached context per sequence
   */
  public static StepShape decode(long sequences, long context) {
    return new StepShape(List.of(new SequenceBatch(sequences, context, 1)));
  }

  /**
   * {@return a prefill step}
   *
   * @param sequences sequences
   * @param cached cached (reused or earlier-chunk) context per sequence
   * @param newTokens tokens prefilled per sequence
   */
  public static StepShape prefill(long sequences, long cached, long newTokens) {
    return new StepShape(List.of(new SequenceBatch(sequences, cached, newTokens)));
  }

  /** {@return all new tokens in the step} */
  public long tokens() {
    long tokens = 0;
    for (SequenceBatch batch : batches) {
      tokens += batch.tokens();
    }
    return tokens;
  }

  /** {@return the sequences in the step} */
  public long sequences() {
    long sequences = 0;
    for (SequenceBatch batch : batches) {
      sequences += batch.sequences();
    }
    return sequences;
  }
}

package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Sharding;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/** Operator and sharding helpers shared by the built-in blocks. */
final class BlockOperators {

  /** Bytes per element of the small vectors (norm weights, biases, router): BF16. */
  static final double SMALL_VECTOR_BYTES = 2.0;

  private BlockOperators() {}

  /** {@return {@code ceil(value / divisor)}, at least 1 when {@code value > 0}} */
  static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }

  /** {@return {@code ceil(value / divisor)}} */
  static int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
  }

  /** Emits an RMSNorm over {@code tokens × width} activations. */
  static void norm(
      OperatorSink sink, String name, long tokens, long width, Precision activationPrecision) {
    double elements = tokens * (double) width;
    sink.accept(
        OperatorGroup.NORM,
        new MemoryOperator(
            name,
            2.0 * elements * activationPrecision.bytesPerElement() + SMALL_VECTOR_BYTES * width,
            4.0 * elements));
  }

  /** Emits an all-reduce of {@code tokens × hidden} activations when {@code groupSize > 1}. */
  static void allReduce(
      OperatorSink sink,
      String name,
      ParallelScope scope,
      long tokens,
      long hiddenSize,
      Precision activationPrecision,
      int groupSize) {
    if (groupSize > 1) {
      sink.accept(
          OperatorGroup.COMMUNICATION,
          new CollectiveOperator(
              name,
              CollectiveKind.ALL_REDUCE,
              scope,
              tokens * (double) hiddenSize * activationPrecision.bytesPerElement(),
              groupSize));
    }
  }

  /**
   * Emits an attention mixer's output projection from {@code width} features back to the hidden
   * size, then the all-reduce over attention tensor parallelism.
   */
  static void attentionOutput(
      OperatorSink sink,
      String name,
      long tokens,
      int hiddenSize,
      long width,
      Precision weightPrecision,
      Precision activationPrecision,
      Sharding sharding) {
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(name, tokens, hiddenSize, width, weightPrecision, activationPrecision));
    allReduce(
        sink,
        "attention_all_reduce",
        ParallelScope.ATTENTION_TENSOR,
        tokens,
        hiddenSize,
        activationPrecision,
        sharding.attentionTensorParallel());
  }

  /** Emits an FFN's all-reduce over its tensor-parallel group. */
  static void ffnAllReduce(
      OperatorSink sink,
      long tokens,
      long hiddenSize,
      Precision activationPrecision,
      int groupSize) {
    allReduce(
        sink,
        "ffn_all_reduce",
        ParallelScope.FFN_TENSOR,
        tokens,
        hiddenSize,
        activationPrecision,
        groupSize);
  }

  /** Checks that an attention block's precisions are given. */
  static void requirePrecisions(
      Precision weightPrecision, Precision kvCachePrecision, Precision activationPrecision) {
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(kvCachePrecision, "kvCachePrecision");
    requireNonNull(activationPrecision, "activationPrecision");
  }

  /** Checks {@code value >= 1}. */
  static void positive(long value, String block, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(
          block + " " + field + " must be >= 1, got '" + value + "'");
    }
  }

  /** Checks {@code value >= 0}. */
  static void nonNegative(long value, String block, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(
          block + " " + field + " must be >= 0, got '" + value + "'");
    }
  }

  /**
   * {@return why {@code heads} cannot be split over the attention TP of {@code sharding}, empty
   * when they can}
   */
  static Optional<String> headsProblem(int heads, String kind, Sharding sharding) {
    int tp = sharding.attentionTensorParallel();
    return heads % tp == 0
        ? Optional.empty()
        : Optional.of(heads + " " + kind + " heads are not divisible by attention TP " + tp);
  }
}

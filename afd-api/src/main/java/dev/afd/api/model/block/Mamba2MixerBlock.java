package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.StateSpaceOperator;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/**
 * A Mamba2 mixer (Nemotron-H and Nemotron-3 hybrids): a fixed per-sequence state instead of a
 * growing KV cache.
 *
 * <p>With inner width {@code d_i = heads·headDim} and {@code G} groups of state size {@code N}:
 * {@code in_proj: h → 2·d_i + 2·G·N + heads} (z, x, B, C and dt), a causal depthwise convolution of
 * width {@code convolutionKernel} over the {@code d_i + 2·G·N} channels x, B, C (with bias), the
 * per-head {@code A}, {@code D} and {@code dt} bias, a gated RMSNorm of width {@code d_i} and
 * {@code out_proj: d_i → h}. Operators per step: input RMSNorm, {@code in_proj}, one {@link
 * StateSpaceOperator} per sequence batch, the gated norm, {@code out_proj}, the tensor-parallel
 * all-reduce. Tensor parallelism shards heads and groups (groups are replicated once the degree
 * exceeds them). State per sequence and device: the FP32 SSM state {@code heads·headDim·N·4} bytes
 * plus the convolution window {@code (convolutionKernel − 1)·channels} at the activation precision.
 * Immutable and thread-safe.
 *
 * @param hiddenSize model hidden size {@code h}
 * @param heads SSM heads ({@code mamba_num_heads})
 * @param headDim SSM head dimension ({@code mamba_head_dim})
 * @param stateSize state size per head {@code N} ({@code ssm_state_size})
 * @param groups B/C groups {@code G} ({@code n_groups})
 * @param convolutionKernel causal convolution width ({@code conv_kernel})
 * @param weightPrecision projection weight format
 * @param activationPrecision activation (and convolution state) format
 * @since 0.1
 */
public record Mamba2MixerBlock(
    int hiddenSize,
    int heads,
    int headDim,
    int stateSize,
    int groups,
    int convolutionKernel,
    Precision weightPrecision,
    Precision activationPrecision)
    implements Block {

  /**
   * Validates the block.
   *
   * @param hiddenSize hidden size
   * @param heads heads
   * @param headDim head dimension
   * @param stateSize state size
   * @param groups groups
   * @param convolutionKernel convolution width
   * @param weightPrecision weight precision
   * @param activationPrecision activation precision
   */
  public Mamba2MixerBlock {
    BlockOperators.positive(hiddenSize, "Mamba2 mixer", "hiddenSize");
    BlockOperators.positive(heads, "Mamba2 mixer", "heads");
    BlockOperators.positive(headDim, "Mamba2 mixer", "headDim");
    BlockOperators.positive(stateSize, "Mamba2 mixer", "stateSize");
    BlockOperators.positive(groups, "Mamba2 mixer", "groups");
    BlockOperators.positive(convolutionKernel, "Mamba2 mixer", "convolutionKernel");
    requireNonNull(weightPrecision, "weightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
  }

  @Override
  public String kind() {
    return "mamba2";
  }

  @Override
  public BlockRole role() {
    return BlockRole.MIXER;
  }

  private long innerWidth(long headCount) {
    return headCount * headDim;
  }

  private long convolutionChannels(long headCount, long groupCount) {
    return innerWidth(headCount) + 2 * groupCount * stateSize;
  }

  private long inputProjectionWidth(long headCount, long groupCount) {
    return 2 * innerWidth(headCount) + 2 * groupCount * stateSize + headCount;
  }

  private long matrixElements(long headCount, long groupCount) {
    return hiddenSize * inputProjectionWidth(headCount, groupCount)
        + innerWidth(headCount) * hiddenSize;
  }

  private long smallParameters(long headCount, long groupCount) {
    long channels = convolutionChannels(headCount, groupCount);
    // convolution weight and bias, A, D, dt bias, gated norm, input norm
    return channels * convolutionKernel
        + channels
        + 3 * headCount
        + innerWidth(headCount)
        + hiddenSize;
  }

  @Override
  public long parameterCount() {
    return matrixElements(heads, groups) + smallParameters(heads, groups);
  }

  private int headsPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(heads, sharding.attentionTensorParallel());
  }

  private int groupsPerDevice(Sharding sharding) {
    return BlockOperators.ceilDiv(groups, sharding.attentionTensorParallel());
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    int headsHere = headsPerDevice(sharding);
    int groupsHere = groupsPerDevice(sharding);
    return matrixElements(headsHere, groupsHere) * weightPrecision.bytesPerElement()
        + smallParameters(headsHere, groupsHere) * BlockOperators.SMALL_VECTOR_BYTES;
  }

  @Override
  public double stateBytesPerSequencePerDevice(Sharding sharding) {
    int headsHere = headsPerDevice(sharding);
    double ssmState = 4.0 * headsHere * headDim * stateSize;
    double convolutionState =
        (convolutionKernel - 1.0)
            * convolutionChannels(headsHere, groupsPerDevice(sharding))
            * activationPrecision.bytesPerElement();
    return ssmState + convolutionState;
  }

  /** {@inheritDoc} SSM heads must divide by the attention TP. */
  @Override
  public Optional<String> shardingProblem(Sharding sharding) {
    return BlockOperators.headsProblem(heads, "Mamba2", sharding);
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long tokens = shape.tokens();
    int headsHere = headsPerDevice(sharding);
    int groupsHere = groupsPerDevice(sharding);
    BlockOperators.norm(sink, "input_norm", tokens, hiddenSize, activationPrecision);
    sink.accept(
        OperatorGroup.ATTENTION,
        GemmOperator.linear(
            "in_proj",
            tokens,
            inputProjectionWidth(headsHere, groupsHere),
            hiddenSize,
            weightPrecision,
            activationPrecision));
    for (SequenceBatch batch : shape.batches()) {
      sink.accept(
          OperatorGroup.ATTENTION,
          new StateSpaceOperator(
              "ssm_scan",
              batch.sequences(),
              batch.newTokens(),
              headsHere,
              headDim,
              stateSize,
              (int) convolutionChannels(headsHere, groupsHere),
              convolutionKernel,
              activationPrecision));
    }
    BlockOperators.norm(sink, "gated_norm", tokens, innerWidth(headsHere), activationPrecision);
    BlockOperators.attentionOutput(
        sink,
        "out_proj",
        tokens,
        hiddenSize,
        innerWidth(headsHere),
        weightPrecision,
        activationPrecision,
        sharding);
  }
}

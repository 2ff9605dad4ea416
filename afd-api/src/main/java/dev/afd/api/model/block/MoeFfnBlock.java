package dev.afd.api.model.block;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;
import java.util.Optional;

/**
 * A Mixture-of-Experts feed-forward layer: router, routed experts, optional shared experts and an
 * optional latent projection (Nemotron-3 "latent MoE").
 *
 * <p>Per token: router {@code 2·h·E} FLOPs, routed experts {@code k·6·h·I} (gated) and shared
 * experts {@code S·6·h·I_s}. With a latent size {@code L}, tokens are projected {@code h → L}
 * before dispatch and back after combine, and the experts work in {@code L}. Operators per step,
 * with {@code T} the tokens reaching the expert-parallel group and {@code t = ceil(T / EP)} those
 * local to one device: the pre-FFN RMSNorm ({@code t}); the router GEMM {@code (t, E, h)} in BF16,
 * group {@link OperatorGroup#ROUTER}; the latent down-projection; with {@code EP > 1} the dispatch
 * all-to-all of {@code t·k·L·b_dispatch} bytes; one {@link MoeOperator} for the routed experts
 * (expected experts touched, load imbalance from the sharding); the combine all-to-all of {@code
 * t·k·L·b_a} bytes; the latent up-projection; the shared experts as GEMMs ({@link
 * OperatorGroup#SHARED_EXPERTS}); with MoE tensor parallelism the all-reduce of {@code t·h·b_a}
 * bytes. Shared experts are sharded by MoE tensor parallelism; shared experts and the latent
 * projections are replicated across expert-parallel ranks (latent projections across tensor ranks
 * too). Immutable and thread-safe.
 *
 * @param hiddenSize model hidden size {@code h}
 * @param expertCount routed experts {@code E}
 * @param topK experts per token {@code k}
 * @param expertIntermediateSize routed expert intermediate size {@code I}
 * @param sharedExpertCount shared experts {@code S}, 0 for none
 * @param sharedExpertIntermediateSize shared expert intermediate size {@code I_s} (0 when {@code S
 *     = 0})
 * @param gated whether experts are gated (three matrices) or plain (two, for example ReLU²)
 * @param latentSize latent width {@code L} the experts work in, 0 for none
 * @param routerBias whether the router has a per-expert bias (score correction)
 * @param expertWeightPrecision routed expert weight format
 * @param sharedWeightPrecision shared expert and latent projection weight format
 * @param activationPrecision activation (and combine) format
 * @param dispatchPrecision format tokens are dispatched in (often FP8)
 * @since 0.1
 */
public record MoeFfnBlock(
    int hiddenSize,
    int expertCount,
    int topK,
    int expertIntermediateSize,
    int sharedExpertCount,
    int sharedExpertIntermediateSize,
    boolean gated,
    int latentSize,
    boolean routerBias,
    Precision expertWeightPrecision,
    Precision sharedWeightPrecision,
    Precision activationPrecision,
    Precision dispatchPrecision)
    implements Block {

  /**
   * Validates the block.
   *
   * @param hiddenSize hidden size
   * @param expertCount routed experts
   * @param topK top-k
   * @param expertIntermediateSize expert intermediate size
   * @param sharedExpertCount shared experts
   * @param sharedExpertIntermediateSize shared expert intermediate size
   * @param gated gated experts
   * @param latentSize latent size, 0 for none
   * @param routerBias router bias
   * @param expertWeightPrecision expert weight precision
   * @param sharedWeightPrecision shared weight precision
   * @param activationPrecision activation precision
   * @param dispatchPrecision dispatch precision
   */
  public MoeFfnBlock {
    BlockOperators.positive(hiddenSize, "MoE FFN", "hiddenSize");
    BlockOperators.positive(expertCount, "MoE FFN", "expertCount");
    BlockOperators.positive(topK, "MoE FFN", "topK");
    BlockOperators.positive(expertIntermediateSize, "MoE FFN", "expertIntermediateSize");
    BlockOperators.nonNegative(sharedExpertCount, "MoE FFN", "sharedExpertCount");
    BlockOperators.nonNegative(
        sharedExpertIntermediateSize, "MoE FFN", "sharedExpertIntermediateSize");
    BlockOperators.nonNegative(latentSize, "MoE FFN", "latentSize");
    if (topK > expertCount) {
      throw new IllegalArgumentException(
          "MoE FFN topK (" + topK + ") must be <= expertCount (" + expertCount + ")");
    }
    if (sharedExpertCount > 0 && sharedExpertIntermediateSize < 1) {
      throw new IllegalArgumentException(
          "MoE FFN with shared experts needs sharedExpertIntermediateSize >= 1");
    }
    requireNonNull(expertWeightPrecision, "expertWeightPrecision");
    requireNonNull(sharedWeightPrecision, "sharedWeightPrecision");
    requireNonNull(activationPrecision, "activationPrecision");
    requireNonNull(dispatchPrecision, "dispatchPrecision");
  }

  @Override
  public String kind() {
    return latentSize > 0 ? "latent-moe" : "moe";
  }

  @Override
  public BlockRole role() {
    return BlockRole.FEED_FORWARD;
  }

  /** {@return the routed experts' weight format} */
  @Override
  public Precision weightPrecision() {
    return expertWeightPrecision;
  }

  private int matrices() {
    return gated ? 3 : 2;
  }

  /** {@return the width the experts work in: the latent size, or the hidden size} */
  public int expertInputSize() {
    return latentSize > 0 ? latentSize : hiddenSize;
  }

  /** {@return parameters of one routed expert} */
  public long parametersPerExpert() {
    return (long) matrices() * expertInputSize() * expertIntermediateSize;
  }

  private long sharedElements(long intermediate) {
    return (long) matrices() * hiddenSize * intermediate * sharedExpertCount;
  }

  private long latentElements() {
    return latentSize > 0 ? 2L * hiddenSize * latentSize : 0;
  }

  private long routerAndNormParameters() {
    return (long) hiddenSize * expertCount + (routerBias ? expertCount : 0) + hiddenSize;
  }

  /** {@return parameters outside the routed experts: router, norm, shared experts, latent} */
  public long nonExpertParameterCount() {
    return routerAndNormParameters()
        + sharedElements(sharedExpertIntermediateSize)
        + latentElements();
  }

  @Override
  public long parameterCount() {
    return nonExpertParameterCount() + expertCount * parametersPerExpert();
  }

  @Override
  public long activeParameterCount() {
    return nonExpertParameterCount() + topK * parametersPerExpert();
  }

  @Override
  public double weightBytesPerDevice(Sharding sharding) {
    int tensorParallel = sharding.moeTensorParallel();
    long expertsHere = BlockOperators.ceilDiv(expertCount, sharding.expertParallel());
    long expertIntermediateHere = BlockOperators.ceilDiv(expertIntermediateSize, tensorParallel);
    long sharedIntermediateHere =
        BlockOperators.ceilDiv(sharedExpertIntermediateSize, tensorParallel);
    double experts =
        expertsHere
            * (double) matrices()
            * expertInputSize()
            * expertIntermediateHere
            * expertWeightPrecision.bytesPerElement();
    double shared =
        (sharedElements(sharedIntermediateHere) + latentElements())
            * sharedWeightPrecision.bytesPerElement();
    return experts + shared + routerAndNormParameters() * BlockOperators.SMALL_VECTOR_BYTES;
  }

  /**
   * {@inheritDoc} Routed experts must divide by the EP degree, the expert intermediate size by the
   * MoE TP.
   */
  @Override
  public Optional<String> shardingProblem(Sharding sharding) {
    int ep = sharding.expertParallel();
    int moeTp = sharding.moeTensorParallel();
    if (expertCount % ep != 0) {
      return Optional.of(expertCount + " experts are not divisible by EP " + ep);
    }
    if (expertIntermediateSize % moeTp != 0) {
      return Optional.of(
          "expert intermediate size "
              + expertIntermediateSize
              + " is not divisible by MoE TP "
              + moeTp);
    }
    return Optional.empty();
  }

  @Override
  public void emit(StepShape shape, Sharding sharding, OperatorSink sink) {
    long groupTokens = shape.tokens();
    int expertParallel = sharding.expertParallel();
    int tensorParallel = sharding.moeTensorParallel();
    // Attention tensor parallelism without attention DP over exactly the MoE group: after the
    // attention all-reduce every rank holds all tokens (TensorRT-LLM with enable_attention_dp off).
    // Each rank routes all tokens to its local experts and one all-reduce over the group sums the
    // outputs; there is no all-to-all, and shared experts shard over the whole group.
    boolean replicated =
        expertParallel > 1
            && sharding.attentionDataParallel() == 1
            && sharding.attentionTensorParallel() == tensorParallel * expertParallel;
    int reduceGroup = replicated ? tensorParallel * expertParallel : tensorParallel;
    long tokens = replicated ? groupTokens : BlockOperators.ceilDiv(groupTokens, expertParallel);
    BlockOperators.norm(sink, "ffn_norm", tokens, hiddenSize, activationPrecision);
    sink.accept(
        OperatorGroup.ROUTER,
        GemmOperator.linear(
            "router", tokens, expertCount, hiddenSize, Precision.BF16, activationPrecision));
    if (latentSize > 0) {
      sink.accept(
          OperatorGroup.MOE_EXPERTS,
          GemmOperator.linear(
              "latent_down_proj",
              tokens,
              latentSize,
              hiddenSize,
              sharedWeightPrecision,
              activationPrecision));
    }
    int width = expertInputSize();
    double pairElements = tokens * (double) topK * width;
    if (expertParallel > 1 && !replicated) {
      sink.accept(
          OperatorGroup.COMMUNICATION,
          new CollectiveOperator(
              "moe_dispatch",
              CollectiveKind.ALL_TO_ALL,
              ParallelScope.EXPERT,
              pairElements * dispatchPrecision.bytesPerElement(),
              expertParallel));
    }
    sink.accept(
        OperatorGroup.MOE_EXPERTS,
        new MoeOperator(
            "experts",
            groupTokens,
            width,
            expertIntermediateSize,
            topK,
            expertCount,
            tensorParallel,
            Math.min(expertParallel, expertCount),
            gated,
            sharding.expertLoadImbalance(),
            expertWeightPrecision,
            activationPrecision));
    if (expertParallel > 1 && !replicated) {
      sink.accept(
          OperatorGroup.COMMUNICATION,
          new CollectiveOperator(
              "moe_combine",
              CollectiveKind.ALL_TO_ALL,
              ParallelScope.EXPERT,
              pairElements * activationPrecision.bytesPerElement(),
              expertParallel));
    }
    if (latentSize > 0) {
      sink.accept(
          OperatorGroup.MOE_EXPERTS,
          GemmOperator.linear(
              "latent_up_proj",
              tokens,
              hiddenSize,
              latentSize,
              sharedWeightPrecision,
              activationPrecision));
    }
    if (sharedExpertCount > 0) {
      long sharedHere =
          (long) sharedExpertCount
              * BlockOperators.ceilDiv(sharedExpertIntermediateSize, reduceGroup);
      sink.accept(
          OperatorGroup.SHARED_EXPERTS,
          GemmOperator.linear(
              gated ? "shared_gate_up_proj" : "shared_up_proj",
              tokens,
              (gated ? 2 : 1) * sharedHere,
              hiddenSize,
              sharedWeightPrecision,
              activationPrecision));
      sink.accept(
          OperatorGroup.SHARED_EXPERTS,
          GemmOperator.linear(
              "shared_down_proj",
              tokens,
              hiddenSize,
              sharedHere,
              sharedWeightPrecision,
              activationPrecision));
    }
    BlockOperators.ffnAllReduce(sink, tokens, hiddenSize, activationPrecision, reduceGroup);
  }
}

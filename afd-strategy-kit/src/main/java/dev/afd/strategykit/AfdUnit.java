package dev.afd.strategykit;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.StrategyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kit's higher layer for a strategy that serves from attention-FFN units: attention and the KV
 * cache on {@code tp × dp} devices, the FFN on a separate group, decode pipelined in micro-batches
 * ({@link AfdPipeline}). A strategy states its layout space and where the two sides run; this class
 * does the rest: the memory of each role, the result's devices by role, and the latencies.
 *
 * <p>Each decode step carries its share of prefill, {@code batch / osl} requests per rank, each
 * prefill running once through the same stages on one rank's TP group without pipelining, so TPOT
 * is a decode step plus that share and TTFT is one prefill plus one TPOT. Immutable and
 * thread-safe.
 *
 * @since 0.2
 */
public final class AfdUnit {
  /**
   * One unit's layout.
   *
   * @param tensorParallel attention tensor parallelism
   * @param dataParallel attention data-parallel ranks
   * @param ffnDevices devices of the FFN group
   * @param batch decode sequences per attention data-parallel rank
   * @param microBatches decode micro-batches in flight
   * @param sharding the model's sharding over the unit
   * @since 0.2
   */
  public record Layout(
      int tensorParallel,
      int dataParallel,
      int ffnDevices,
      int batch,
      int microBatches,
      Sharding sharding) {
    /** {@return the attention devices, {@code tp × dp}} */
    public int attentionDevices() {
      return tensorParallel * dataParallel;
    }
  }

  private final StrategyContext context;
  private final StepPricer pricer;
  private final String strategyId;
  private final DataSize runtimeReserve;
  private final AfdPipeline.Reach reach;
  private final boolean routerOnAttention;

  /**
   * Binds the layer to a strategy's context.
   *
   * @param context the context
   * @param strategyId the strategy id its results carry
   * @param runtimeReserve memory each device keeps for the runtime
   * @param reach the FFN devices one token reaches
   * @param routerOnAttention whether the router runs with attention (else with the FFN)
   */
  public AfdUnit(
      StrategyContext context,
      String strategyId,
      DataSize runtimeReserve,
      AfdPipeline.Reach reach,
      boolean routerOnAttention) {
    this.context = context;
    this.pricer =
        new StepPricer(context.model(), context.kernelCostModel(), context.networkModel());
    this.strategyId = strategyId;
    this.runtimeReserve = runtimeReserve;
    this.reach = reach;
    this.routerOnAttention = routerOnAttention;
  }

  /** {@return the pricer, for the footprint of a sharding} */
  public StepPricer pricer() {
    return pricer;
  }

  /**
   * {@return the sharding of a unit: the FFN devices as expert parallelism for an MoE model (the
   * busiest expert device carrying {@code imbalance} times the mean load), as tensor parallelism
   * for a dense one}
   *
   * @param tensorParallel attention tensor parallelism
   * @param dataParallel attention data-parallel ranks
   * @param ffnDevices devices of the FFN group
   * @param imbalance the busiest expert device's load over the mean
   */
  public Sharding sharding(int tensorParallel, int dataParallel, int ffnDevices, double imbalance) {
    return Experts.expertCount(context.model()) > 0
        ? new Sharding(tensorParallel, dataParallel, 1, ffnDevices, imbalance)
        : new Sharding(tensorParallel, dataParallel, ffnDevices, 1, 1);
  }

  /**
   * Evaluates one unit: each role's memory (an attention device holds the mixer weights and the KV
   * cache and state of {@code batch} sequences at the final context, an FFN device the FFN weights;
   * activations for the larger of the decode tokens and one prefill), infeasible with {@link
   * Memory#shortfall} when a role does not fit, else the decode and prefill steps priced as above.
   *
   * @param knobs the result's knobs
   * @param layout the layout
   * @param attention where the attention side runs (its accelerator's capacity bounds its memory)
   * @param ffn where the FFN side runs
   * @return the result
   */
  public ServingResult evaluate(
      Map<String, String> knobs,
      Layout layout,
      StepPricer.Placement attention,
      StepPricer.Placement ffn) {
    WorkloadSpec workload = context.workload();
    Sharding sharding = layout.sharding();
    StepPricer.Footprint footprint = pricer.footprint(sharding);
    int batch = layout.batch();
    double kvBytes =
        batch * (double) workload.finalContextTokens() * footprint.kvBytesPerToken()
            + batch * footprint.stateBytesPerSequence();
    double attentionTokens = Math.max(batch, workload.inputTokens());
    double ffnTokens =
        Math.max((double) batch * layout.dataParallel(), (double) workload.inputTokens());
    List<MemoryUsage> memory =
        List.of(
            usage("attention", footprint.mixerWeightBytes(), kvBytes, attentionTokens, attention),
            usage("ffn", footprint.ffnWeightBytes(), 0, ffnTokens, ffn));
    Map<String, Integer> roles = new LinkedHashMap<>();
    roles.put("attention", layout.attentionDevices());
    roles.put("ffn", layout.ffnDevices());
    ServingResult.Builder result =
        ServingResult.builder(strategyId)
            .knobs(knobs)
            .devices(layout.attentionDevices() + layout.ffnDevices(), roles)
            .memory(memory)
            .models(context.kernelCostModel().id(), context.networkModel().id());
    for (MemoryUsage usage : memory) {
      if (!usage.fits()) {
        return result.infeasible(Memory.shortfall(usage)).build();
      }
    }
    // Decode: one micro-batch's sequences on one data-parallel rank, at the mean decode context.
    int microBatches = layout.microBatches();
    long perMicroBatch = (batch + microBatches - 1L) / microBatches;
    AfdPipeline.PricedAfdStep decode =
        AfdPipeline.price(
            pricer,
            deployment(attention, layout.attentionDevices(), ffn, layout, microBatches),
            StepShape.decode(perMicroBatch, Math.round(workload.meanDecodeContextTokens())),
            StepShape.decode(perMicroBatch * layout.dataParallel(), 0),
            sharding);
    // Prefill: one request's new tokens on one rank's tensor-parallel group, no pipelining.
    double prefillSeconds =
        AfdPipeline.price(
                pricer,
                deployment(attention, layout.tensorParallel(), ffn, layout, 1),
                StepShape.prefill(1, workload.prefixTokens(), workload.inputTokens()),
                StepShape.decode(workload.inputTokens(), 0),
                sharding)
            .step()
            .seconds();
    double prefillPerStep = batch / (double) workload.outputTokens() * prefillSeconds;
    double tpot = decode.step().seconds() + prefillPerStep;
    double ttft = prefillSeconds + tpot;
    double concurrency = (double) layout.dataParallel() * batch;
    Map<String, TimeSpan> stages = new LinkedHashMap<>(decode.step().stages());
    stages.put("prefill", TimeSpan.ofSeconds(prefillPerStep));
    return result
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(tpot),
            TimeSpan.ofSeconds(ttft + tpot * (workload.outputTokens() - 1)))
        .throughput(concurrency / tpot, concurrency)
        .stageTimes(stages)
        .fidelityMix(PricedStep.mix(decode.fidelitySeconds()))
        .build();
  }

  private AfdPipeline.Deployment deployment(
      StepPricer.Placement attention,
      int senders,
      StepPricer.Placement ffn,
      Layout layout,
      int microBatches) {
    return new AfdPipeline.Deployment(
        attention,
        senders,
        ffn,
        layout.ffnDevices(),
        layout.tensorParallel(),
        reach,
        context.model().activationPrecision(),
        microBatches,
        routerOnAttention,
        null);
  }

  private MemoryUsage usage(
      String group,
      double weightBytes,
      double kvBytes,
      double tokens,
      StepPricer.Placement placement) {
    return Memory.usage(
        group,
        weightBytes,
        kvBytes,
        Memory.activationBytes(context.model(), tokens),
        runtimeReserve,
        placement.accelerator().memoryCapacityPerDevice());
  }
}

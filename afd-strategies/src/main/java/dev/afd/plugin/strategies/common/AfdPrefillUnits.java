package dev.afd.plugin.strategies.common;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.Precision;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.AfdPipeline;
import dev.afd.strategykit.Experts;
import dev.afd.strategykit.Memory;
import dev.afd.strategykit.StepPricer;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefill workers that are attention-FFN units ({@link Knobs#PREFILL_WORKER} {@code afd}): the
 * attention group ({@code TP × DP}) holds the prompts' KV, the FFN group ({@code MoE TP × EP}) the
 * experts, and the prompt tokens of a step flow through both in {@code M} pipelined micro-batches
 * ({@link AfdPipeline}), as AIConfigurator's AFD session prices a prefill phase ({@code
 * src/aiconfigurator/sdk/inference_session.py}, {@code run_afd(phase="prefill")}).
 *
 * <p>A step prefills {@code batch} requests per attention rank. With {@code batch ≥ M} a
 * micro-batch holds {@code ⌈batch/M⌉} whole prompts; with fewer prompts than micro-batches each
 * prompt is cut into {@code k = ⌈M/batch⌉} chunks of {@code ⌈isl/k⌉} tokens, a chunk attending to
 * the prefix and on average half the earlier chunks. A chunk's attention at a layer needs only the
 * earlier chunks' KV of that layer, which they wrote in an earlier pipeline slot, so chunks of one
 * prompt pipeline like separate micro-batches.
 */
final class AfdPrefillUnits {
  private AfdPrefillUnits() {}

  /**
   * {@return every AFD prefill unit the options allow that fits in memory, priced}
   *
   * @param context the strategy context
   * @param pricer the pricer
   * @param placement the prefill system (units start at its first device)
   * @param capacity devices a unit may use on the prefill system
   * @param aicMemory whether activations follow AIConfigurator's coefficients
   * @param aicPipeline whether the per-layer cycle follows AIConfigurator's rule
   */
  static List<PrefillPool.Option> price(
      StrategyContext context,
      StepPricer pricer,
      StepPricer.Placement placement,
      int capacity,
      boolean aicMemory,
      boolean aicPipeline) {
    WorkloadSpec workload = context.workload();
    MoeModelSpec model = context.model();
    double imbalance = context.options().get(Knobs.EXPERT_IMBALANCE);
    DataSize reserve = context.options().get(Knobs.RUNTIME_RESERVE);
    Precision dispatch = Precision.parse(context.options().get(Knobs.DISPATCH_PRECISION));
    // The first router placement the options list; prefill units are not searched over it.
    boolean routerOnAttention =
        context.options().get(Knobs.ROUTER).get(0).equals("attention")
            && Experts.expertCount(model) > 0;
    List<PrefillPool.Option> options = new ArrayList<>();
    for (Parallelism.Width width : widths(context, capacity)) {
      Sharding sharding = width.sharding(imbalance);
      StepPricer.Footprint footprint = pricer.footprint(sharding);
      for (int microBatches : context.options().get(Knobs.PREFILL_MICRO_BATCHES)) {
        AfdPipeline.Deployment deployment =
            new AfdPipeline.Deployment(
                placement,
                width.attentionDevices(),
                new StepPricer.Placement(
                    placement.accelerator(), placement.systemIndex(), width.attentionDevices()),
                width.ffnDevices(),
                width.tensorParallel(),
                AfdPipeline.Reach.expected(width.moeTensorParallel(), width.expertParallel()),
                dispatch,
                microBatches,
                routerOnAttention,
                aicPipeline ? AicRules::afdCycleSeconds : null);
        for (int batch : context.options().get(Knobs.PREFILL_BATCH)) {
          double tokens = batch * (double) workload.inputTokens();
          double kv =
              batch
                      * (double) (workload.prefixTokens() + workload.inputTokens())
                      * footprint.kvBytesPerToken()
                  + batch * footprint.stateBytesPerSequence();
          MemoryUsage attention =
              Memory.usage(
                  "prefill-attention",
                  footprint.mixerWeightBytes(),
                  kv,
                  PrefillPool.activationBytes(context, aicMemory, width, tokens),
                  reserve,
                  placement.accelerator().memoryCapacityPerDevice());
          MemoryUsage ffn =
              Memory.usage(
                  "prefill-ffn",
                  footprint.ffnWeightBytes(),
                  0,
                  PrefillPool.activationBytes(
                      context,
                      aicMemory,
                      width,
                      tokens * width.dataParallel() / width.expertParallel()),
                  reserve,
                  placement.accelerator().memoryCapacityPerDevice());
          if (!attention.fits() || !ffn.fits()) {
            continue;
          }
          StepShape rank = microBatch(batch, microBatches, workload);
          StepShape group = StepShape.decode(rank.tokens() * width.dataParallel(), 0);
          AfdPipeline.PricedAfdStep priced =
              AfdPipeline.price(pricer, deployment, rank, group, sharding);
          double step = priced.step().seconds();
          options.add(
              new PrefillPool.Option(
                  width,
                  microBatches,
                  batch,
                  step,
                  width.dataParallel() * batch / step,
                  List.of(attention, ffn),
                  priced.fidelitySeconds()));
        }
      }
    }
    return options;
  }

  /**
   * {@return one micro-batch of a prefill step of {@code batch} prompts per attention rank split
   * {@code microBatches} ways (see the class comment)}
   */
  static StepShape microBatch(int batch, int microBatches, WorkloadSpec workload) {
    long isl = workload.inputTokens();
    if (batch >= microBatches) {
      long prompts = (batch + microBatches - 1) / microBatches;
      return StepShape.prefill(prompts, workload.prefixTokens(), isl);
    }
    long chunks = (microBatches + batch - 1) / batch;
    long chunk = Math.max(1, (isl + chunks - 1) / chunks);
    return new StepShape(
        List.of(new SequenceBatch(1, workload.prefixTokens() + (isl - chunk) / 2, chunk)));
  }

  /**
   * {@return the unit layouts: attention layouts × FFN layouts that fit in {@code capacity} devices
   * together and agree with the fixed prefill knobs}
   */
  private static List<Parallelism.Width> widths(StrategyContext context, int capacity) {
    PrefillPool.FixedLayout fixed = PrefillPool.FixedLayout.of(context);
    List<Parallelism.Width> widths = new ArrayList<>();
    for (int[] attention : Parallelism.attentionLayouts(context, capacity)) {
      for (int[] ffn : Parallelism.ffnLayouts(context, capacity)) {
        Parallelism.Width width = new Parallelism.Width(attention[0], attention[1], ffn[0], ffn[1]);
        if (width.attentionDevices() + width.ffnDevices() <= capacity && fixed.admits(width)) {
          widths.add(width);
        }
      }
    }
    return widths;
  }
}

package dev.afd.plugin.strategies.afd;

import dev.afd.api.cost.Fidelity;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.Precision;
import dev.afd.plugin.strategies.common.AfdPipeline;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.plugin.strategies.common.Memory;
import dev.afd.plugin.strategies.common.Parallelism;
import dev.afd.plugin.strategies.common.PricedStep;
import dev.afd.plugin.strategies.common.Roles;
import dev.afd.plugin.strategies.common.Side;
import dev.afd.plugin.strategies.common.StepPricer;
import dev.afd.plugin.strategies.common.Workloads;
import dev.afd.spi.StrategyContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates AFD units: enumerates layouts and prices a step of one unit with stage times taken at
 * the micro-batch shape (MODELING.md §5). Shared by {@code agg-afd} and {@code pd-afd}.
 * Thread-safe.
 */
final class AfdEvaluator {
  /** The outcome of one unit step. */
  record UnitStep(
      AfdPipeline.Step step,
      MemoryUsage attentionMemory,
      MemoryUsage ffnMemory,
      double[] fidelitySeconds) {}

  private final StrategyContext context;
  private final StepPricer pricer;
  private final int attentionSystem;
  private final int ffnSystem;
  private final double imbalance;
  private final DataSize reserve;
  private final Precision dispatchPrecision;

  AfdEvaluator(StrategyContext context) {
    this.context = context;
    this.pricer =
        new StepPricer(context.model(), context.kernelCostModel(), context.networkModel());
    ClusterSpec cluster = context.cluster();
    this.attentionSystem =
        Roles.systemIndex(
            cluster, "attention-system", context.options().get(Knobs.ATTENTION_SYSTEM));
    this.ffnSystem =
        Roles.systemIndex(cluster, "ffn-system", context.options().get(Knobs.FFN_SYSTEM));
    this.imbalance = context.options().get(Knobs.EXPERT_IMBALANCE);
    this.reserve = context.options().get(Knobs.RUNTIME_RESERVE);
    this.dispatchPrecision = Precision.parse(context.options().get(Knobs.DISPATCH_PRECISION));
  }

  StepPricer pricer() {
    return pricer;
  }

  int attentionSystem() {
    return attentionSystem;
  }

  /** {@return every layout of at most {@code maxDevices} devices, in a stable order} */
  List<AfdLayout> layouts(int maxDevices) {
    List<AfdLayout> layouts = new ArrayList<>();
    int attentionCapacity = capacity(attentionSystem, maxDevices);
    int ffnCapacity = capacity(ffnSystem, maxDevices);
    List<String> routers = context.options().get(Knobs.ROUTER);
    boolean moe = Parallelism.expertCount(context.model()) > 0;
    for (int[] attention : Parallelism.attentionLayouts(context, attentionCapacity)) {
      for (int[] ffn : Parallelism.ffnLayouts(context, ffnCapacity)) {
        int devices = attention[0] * attention[1] + ffn[0] * ffn[1];
        if (devices > maxDevices || (attentionSystem == ffnSystem && devices > attentionCapacity)) {
          continue;
        }
        for (int microBatches : context.options().get(Knobs.MICRO_BATCHES)) {
          for (String router : routers) {
            if (!moe && router.equals("attention")) {
              continue;
            }
            layouts.add(
                new AfdLayout(
                    attention[0],
                    attention[1],
                    ffn[0],
                    ffn[1],
                    microBatches,
                    router.equals("attention")));
          }
        }
      }
    }
    return layouts;
  }

  private int capacity(int system, int maxDevices) {
    return Math.min(maxDevices, context.cluster().systems().get(system).deviceCount());
  }

  /**
   * Prices one step of a unit.
   *
   * @param layout the unit
   * @param batch decode sequences per attention data-parallel rank
   * @param prefillTokensPerIteration prefill tokens per rank per iteration (0 for decode only)
   * @param chunk the chunk budget per rank (memory of the largest step)
   * @param prefillSequenceResident whether a prefilling sequence's KV also sits on the attention
   *     devices
   */
  UnitStep price(
      AfdLayout layout,
      int batch,
      double prefillTokensPerIteration,
      int chunk,
      boolean prefillSequenceResident) {
    UnitStep memory =
        memory(layout, batch, prefillTokensPerIteration, chunk, prefillSequenceResident);
    if (!memory.attentionMemory().fits() || !memory.ffnMemory().fits()) {
      return memory;
    }
    return price(memory, layout, batch, prefillTokensPerIteration);
  }

  /**
   * {@return the memory of a unit (see {@link #price(AfdLayout, int, double, int, boolean)}),
   * without pricing its step: the step and fidelity are null}
   */
  UnitStep memory(
      AfdLayout layout,
      int batch,
      double prefillTokensPerIteration,
      int chunk,
      boolean prefillSequenceResident) {
    MoeModelSpec model = context.model();
    WorkloadSpec workload = context.workload();
    StepPricer.Footprint footprint = pricer.footprint(sharding(layout));
    // KV of every sequence lives on the attention devices only.
    double kv =
        (batch * (double) Workloads.finalContext(workload)
                    + (prefillSequenceResident
                        ? workload.prefixTokens() + workload.inputTokens()
                        : 0))
                * footprint.kvBytesPerToken()
            + batch * footprint.stateBytesPerSequence();
    double rankTokens = batch + prefillTokensPerIteration;
    MemoryUsage attentionMemory =
        Memory.usage(
            "attention",
            footprint.mixerWeightBytes(),
            kv,
            Memory.activationBytes(model, Math.max(rankTokens, chunk > 0 ? chunk : 0)),
            reserve,
            accelerator(attentionSystem).memoryCapacityPerDevice());
    MemoryUsage ffnMemory =
        Memory.usage(
            "ffn",
            footprint.ffnWeightBytes(),
            0,
            Memory.activationBytes(
                model, rankTokens * layout.dataParallel() / layout.expertParallel()),
            reserve,
            accelerator(ffnSystem).memoryCapacityPerDevice());
    return new UnitStep(null, attentionMemory, ffnMemory, null);
  }

  /** {@return {@code memory} with the unit's step priced} */
  UnitStep price(UnitStep memory, AfdLayout layout, int batch, double prefillTokensPerIteration) {
    MoeModelSpec model = context.model();
    WorkloadSpec workload = context.workload();
    Sharding sharding = sharding(layout);
    int microBatches = layout.microBatches();
    StepShape rank = microBatchShape(layout, batch, prefillTokensPerIteration, workload);
    StepShape group = StepShape.decode(rank.tokens() * layout.dataParallel(), 0);
    int ffnFirst = attentionSystem == ffnSystem ? layout.attentionDevices() : 0;
    StepPricer.Placement attentionPlacement =
        new StepPricer.Placement(accelerator(attentionSystem), attentionSystem, 0);
    StepPricer.Placement ffnPlacement =
        new StepPricer.Placement(accelerator(ffnSystem), ffnSystem, ffnFirst);
    PricedStep attention = pricer.price(Side.MIXER, rank, sharding, attentionPlacement);
    PricedStep ffn = pricer.price(Side.FEED_FORWARD, group, sharding, ffnPlacement);
    double[][] transfers =
        AfdPipeline.transfers(
            model,
            pricer,
            new DeviceGroup(attentionSystem, 0, layout.attentionDevices()),
            new DeviceGroup(ffnSystem, ffnFirst, layout.ffnDevices()),
            rank.tokens(),
            layout.tensorParallel(),
            layout.moeTensorParallel(),
            layout.expertParallel(),
            dispatchPrecision);
    AfdPipeline.Step step =
        AfdPipeline.step(attention, ffn, transfers, microBatches, layout.routerOnAttention());
    double[] fidelity = new double[Fidelity.values().length];
    attention.addFidelity(fidelity, microBatches);
    ffn.addFidelity(fidelity, microBatches);
    return new UnitStep(step, memory.attentionMemory(), memory.ffnMemory(), fidelity);
  }

  private Sharding sharding(AfdLayout layout) {
    return new Sharding(
        layout.tensorParallel(),
        layout.dataParallel(),
        layout.moeTensorParallel(),
        layout.expertParallel(),
        imbalance);
  }

  private dev.afd.api.hardware.AcceleratorSpec accelerator(int system) {
    return context.cluster().systems().get(system).accelerator();
  }

  /** {@return the micro-batch steps of a unit, attention side and FFN side} */
  List<dev.afd.api.strategy.StepDescription> describe(
      AfdLayout layout, int batch, double prefillTokensPerIteration) {
    WorkloadSpec workload = context.workload();
    Sharding sharding =
        new Sharding(
            layout.tensorParallel(),
            layout.dataParallel(),
            layout.moeTensorParallel(),
            layout.expertParallel(),
            imbalance);
    StepShape rank = microBatchShape(layout, batch, prefillTokensPerIteration, workload);
    return List.of(
        new dev.afd.api.strategy.StepDescription(
            "micro-batch", false, rank, sharding, attentionSystem, layout.microBatches()),
        new dev.afd.api.strategy.StepDescription(
            "micro-batch",
            true,
            StepShape.decode(rank.tokens() * layout.dataParallel(), 0),
            sharding,
            ffnSystem,
            layout.microBatches()));
  }

  private static StepShape microBatchShape(
      AfdLayout layout, int batch, double prefillTokensPerIteration, WorkloadSpec workload) {
    int microBatches = layout.microBatches();
    long decodePerMicroBatch = Math.max(1, (batch + microBatches - 1) / microBatches);
    long prefillPerMicroBatch = Math.round(prefillTokensPerIteration / microBatches);
    List<SequenceBatch> batches = new ArrayList<>(2);
    batches.add(new SequenceBatch(decodePerMicroBatch, Workloads.meanDecodeContext(workload), 1));
    if (prefillPerMicroBatch >= 1) {
      batches.add(
          new SequenceBatch(
              1, workload.prefixTokens() + workload.inputTokens() / 2, prefillPerMicroBatch));
    }
    return new StepShape(batches);
  }

  /** {@return how many units fit, counting each system's devices} */
  int units(AfdLayout layout, int maxDevices) {
    int byBudget = maxDevices / layout.devices();
    if (attentionSystem == ffnSystem) {
      return Math.min(byBudget, capacity(attentionSystem, Integer.MAX_VALUE) / layout.devices());
    }
    int byAttention = capacity(attentionSystem, Integer.MAX_VALUE) / layout.attentionDevices();
    int byFfn = capacity(ffnSystem, Integer.MAX_VALUE) / layout.ffnDevices();
    return Math.min(byBudget, Math.min(byAttention, byFfn));
  }
}

package dev.afd.plugin.strategies.afd;

import dev.afd.api.Fidelity;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.plugin.strategies.common.AicRules;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.plugin.strategies.common.Parallelism;
import dev.afd.plugin.strategies.common.Workloads;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.AfdPipeline;
import dev.afd.strategykit.Experts;
import dev.afd.strategykit.Memory;
import dev.afd.strategykit.PricedStep;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.StepPricer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates AFD units: enumerates layouts and prices a step of one unit with stage times taken at
 * the micro-batch shape (docs/strategies.md). Shared by {@code agg-afd} and {@code pd-afd}.
 * Thread-safe.
 */
final class AfdEvaluator {
  /**
   * The outcome of one unit step. Before pricing ({@link #memory}) only the memory is set. Shared
   * between candidates: {@code fidelitySeconds} must not be written.
   */
  record UnitStep(
      AfdPipeline.Step step,
      MemoryUsage attentionMemory,
      MemoryUsage ffnMemory,
      double[] fidelitySeconds,
      Map<String, TimeSpan> stages,
      Map<Fidelity, Double> fidelityMix) {
    /**
     * Puts both roles' memory on a result.
     *
     * @param result the result
     * @return the reason the first role that does not fit gives, or null when both fit
     */
    @Nullable String recordMemory(ServingResult.Builder result) {
      result.memory(List.of(attentionMemory, ffnMemory));
      if (!attentionMemory.fits()) {
        return Memory.shortfall(attentionMemory);
      }
      return ffnMemory.fits() ? null : Memory.shortfall(ffnMemory);
    }
  }

  /** A candidate of identical AFD units: its devices are the unit's times the unit count. */
  interface UnitsCandidate extends Candidate {
    /** {@return the unit} */
    Unit unit();

    /** {@return how many units serve} */
    int units();

    /** {@return the units' layout} */
    default AfdLayout layout() {
      return unit().layout();
    }

    @Override
    default int devices() {
      return layout().devices() * units();
    }
  }

  /**
   * A layout with what every candidate on it shares, made once per enumerated layout: its sharding,
   * footprint and placements, and its priced steps by micro-batch shape (many candidates differ
   * only in knobs that leave the step unchanged: chunk, unit count). Thread-safe.
   */
  final class Unit {
    private final AfdLayout layout;
    private final Sharding sharding;
    private final StepPricer.Footprint footprint;
    private final AfdPipeline.Deployment deployment;
    private final ImmutableOrderedMap<String, String> knobs;
    // Priced steps by (decode sequences, prefill tokens) per micro-batch.
    private final ConcurrentHashMap<Long, UnitStep> steps = new ConcurrentHashMap<>();
    // Decode-only unit steps, memory included, by batch.
    private final ConcurrentHashMap<Integer, UnitStep> decodeSteps = new ConcurrentHashMap<>();

    private Unit(AfdLayout layout) {
      this.layout = layout;
      this.sharding =
          new Sharding(
              layout.tensorParallel(),
              layout.dataParallel(),
              layout.moeTensorParallel(),
              layout.expertParallel(),
              imbalance);
      this.footprint = pricer.footprint(sharding);
      int ffnFirst = attentionSystem == ffnSystem ? layout.attentionDevices() : 0;
      this.deployment =
          new AfdPipeline.Deployment(
              new StepPricer.Placement(accelerator(attentionSystem), attentionSystem, 0),
              layout.attentionDevices(),
              new StepPricer.Placement(accelerator(ffnSystem), ffnSystem, ffnFirst),
              layout.ffnDevices(),
              layout.tensorParallel(),
              AfdPipeline.Reach.expected(layout.moeTensorParallel(), layout.expertParallel()),
              dispatchPrecision,
              layout.microBatches(),
              layout.routerOnAttention(),
              aicPipeline ? AicRules::afdCycleSeconds : null);
      this.knobs = layout.knobs(0).build();
    }

    /** {@return the layout} */
    AfdLayout layout() {
      return layout;
    }

    /** {@return a builder holding the layout's knobs, with room for {@code more}} */
    ImmutableOrderedMap.Builder<String, String> knobs(int more) {
      return ImmutableOrderedMap.<String, String>builder(knobs.size() + more).putAll(knobs);
    }
  }

  /** {@return the unit of a layout, ready to price candidates} */
  Unit unit(AfdLayout layout) {
    return new Unit(layout);
  }

  private final StrategyContext context;
  private final StepPricer pricer;
  private final int attentionSystem;
  private final int ffnSystem;
  private final double imbalance;
  private final DataSize reserve;
  private final Precision dispatchPrecision;
  private final boolean aicPipeline;
  private final boolean aicMemory;

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
    this.aicPipeline = AicRules.follows(context, AicRules.AFD_PIPELINE);
    this.aicMemory = AicRules.follows(context, AicRules.MEMORY);
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
    boolean moe = Experts.expertCount(context.model()) > 0;
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
   * @param unit the unit
   * @param batch decode sequences per attention data-parallel rank
   * @param prefillTokensPerIteration prefill tokens per rank per iteration (0 for decode only)
   * @param chunk the chunk budget per rank (memory of the largest step)
   * @param prefillSequenceResident whether a prefilling sequence's KV also sits on the attention
   *     devices
   */
  UnitStep price(
      Unit unit,
      int batch,
      double prefillTokensPerIteration,
      int chunk,
      boolean prefillSequenceResident) {
    UnitStep memory =
        memory(unit, batch, prefillTokensPerIteration, chunk, prefillSequenceResident);
    if (!memory.attentionMemory().fits() || !memory.ffnMemory().fits()) {
      return memory;
    }
    return price(memory, unit, batch, prefillTokensPerIteration);
  }

  /** {@return a decode-only step of a unit (no prefill), computed once per unit and batch} */
  UnitStep decodeStep(Unit unit, int batch) {
    UnitStep step = unit.decodeSteps.get(batch);
    if (step == null) {
      step = price(unit, batch, 0, 0, false);
      UnitStep raced = unit.decodeSteps.putIfAbsent(batch, step);
      if (raced != null) {
        step = raced;
      }
    }
    return step;
  }

  /**
   * {@return the memory of a unit (see {@link #price(Unit, int, double, int, boolean)}), without
   * pricing its step: the step, fidelity and stages are null}
   */
  UnitStep memory(
      Unit unit,
      int batch,
      double prefillTokensPerIteration,
      int chunk,
      boolean prefillSequenceResident) {
    MoeModelSpec model = context.model();
    WorkloadSpec workload = context.workload();
    AfdLayout layout = unit.layout;
    StepPricer.Footprint footprint = unit.footprint;
    // KV of every sequence lives on the attention devices only.
    double kv =
        (batch * (double) Workloads.finalContext(workload)
                    + (prefillSequenceResident && !aicMemory
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
            activationBytes(layout, Math.max(rankTokens, chunk > 0 ? chunk : 0)),
            reserve,
            accelerator(attentionSystem).memoryCapacityPerDevice());
    MemoryUsage ffnMemory =
        Memory.usage(
            "ffn",
            footprint.ffnWeightBytes(),
            0,
            activationBytes(layout, rankTokens * layout.dataParallel() / layout.expertParallel()),
            reserve,
            accelerator(ffnSystem).memoryCapacityPerDevice());
    return new UnitStep(null, attentionMemory, ffnMemory, null, null, null);
  }

  /**
   * {@return activation bytes of {@code tokens} tokens on one device of the unit: afd's workspace
   * factor, or AIConfigurator's coefficients at the attention TP ({@link AicRules#MEMORY}), which
   * it applies to both pools}
   */
  private double activationBytes(AfdLayout layout, double tokens) {
    return aicMemory
        ? AicRules.activationBytes(
            context.model(),
            tokens,
            layout.tensorParallel(),
            layout.dataParallel(),
            layout.expertParallel())
        : Memory.activationBytes(context.model(), tokens);
  }

  /** {@return {@code memory} with the unit's step priced} */
  UnitStep price(UnitStep memory, Unit unit, int batch, double prefillTokensPerIteration) {
    int microBatches = unit.layout.microBatches();
    long decodePerMicroBatch = decodePerMicroBatch(batch, microBatches);
    long prefillPerMicroBatch = prefillPerMicroBatch(prefillTokensPerIteration, microBatches);
    Long key = (decodePerMicroBatch << 32) | prefillPerMicroBatch;
    UnitStep priced = unit.steps.get(key);
    if (priced == null) {
      priced = priceStep(unit, decodePerMicroBatch, prefillPerMicroBatch);
      UnitStep raced = unit.steps.putIfAbsent(key, priced);
      if (raced != null) {
        priced = raced;
      }
    }
    return new UnitStep(
        priced.step(),
        memory.attentionMemory(),
        memory.ffnMemory(),
        priced.fidelitySeconds(),
        priced.stages(),
        priced.fidelityMix());
  }

  private UnitStep priceStep(Unit unit, long decodePerMicroBatch, long prefillPerMicroBatch) {
    AfdLayout layout = unit.layout;
    StepShape rank = microBatchShape(decodePerMicroBatch, prefillPerMicroBatch, context.workload());
    StepShape group = StepShape.decode(rank.tokens() * layout.dataParallel(), 0);
    AfdPipeline.PricedAfdStep priced =
        AfdPipeline.price(pricer, unit.deployment, rank, group, unit.sharding);
    AfdPipeline.Step step = priced.step();
    double[] fidelity = priced.fidelitySeconds();
    return new UnitStep(step, null, null, fidelity, step.stages(), PricedStep.mix(fidelity));
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
    Sharding sharding = sharding(layout);
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

  private static long decodePerMicroBatch(int batch, int microBatches) {
    return Math.max(1, (batch + microBatches - 1) / microBatches);
  }

  private static long prefillPerMicroBatch(double prefillTokensPerIteration, int microBatches) {
    return Math.round(prefillTokensPerIteration / microBatches);
  }

  private static StepShape microBatchShape(
      AfdLayout layout, int batch, double prefillTokensPerIteration, WorkloadSpec workload) {
    int microBatches = layout.microBatches();
    return microBatchShape(
        decodePerMicroBatch(batch, microBatches),
        prefillPerMicroBatch(prefillTokensPerIteration, microBatches),
        workload);
  }

  private static StepShape microBatchShape(
      long decodePerMicroBatch, long prefillPerMicroBatch, WorkloadSpec workload) {
    List<SequenceBatch> batches = new ArrayList<>(2);
    batches.add(new SequenceBatch(decodePerMicroBatch, Workloads.meanDecodeContext(workload), 1));
    if (prefillPerMicroBatch >= 1) {
      batches.add(
          new SequenceBatch(
              1, workload.prefixTokens() + workload.inputTokens() / 2, prefillPerMicroBatch));
    }
    return new StepShape(batches);
  }

  /** {@return the devices {@code units} units of a layout occupy on one system of the cluster} */
  int devicesOn(int system, AfdLayout layout, int units) {
    int perUnit =
        (system == attentionSystem ? layout.attentionDevices() : 0)
            + (system == ffnSystem ? layout.ffnDevices() : 0);
    return perUnit * units;
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

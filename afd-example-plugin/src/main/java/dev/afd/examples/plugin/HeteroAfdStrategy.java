package dev.afd.examples.plugin;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.AfdPipeline;
import dev.afd.strategykit.Experts;
import dev.afd.strategykit.Memory;
import dev.afd.strategykit.PricedStep;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.StepPricer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code hetero-afd}, bound to one context, built on the strategy kit ({@code
 * dev.afd.strategykit}): the kit prices each side of a step through the context's cost and network
 * models and composes the attention-FFN pipeline, so this class holds what is new: the layout
 * space, the FFN on another system, and SRAM-resident expert weights. A decode step pipelines
 * {@value #MICRO_BATCHES} micro-batches; each step carries its share of prefill ({@code batch /
 * osl} requests per rank), each prefill running once through the same stages.
 *
 * <p>With {@code weights-in-sram=yes} the FFN is priced on a view of its accelerator whose memory
 * bandwidth blends {@link AcceleratorSpec#onChipBandwidth()}, for the share of the FFN weights that
 * fits in {@value #SRAM_SHARE_FOR_WEIGHTS} of the SRAM, with HBM bandwidth for the rest
 * (harmonically, as a stream reading both parts sees). The roofline honours the view; a measured
 * table keyed by the accelerator id does not. Immutable and thread-safe.
 */
final class HeteroAfdStrategy implements ServingStrategy {
  private static final List<Integer> ATTENTION_TENSOR_PARALLEL = List.of(1, 2, 4, 8);
  private static final List<Integer> ATTENTION_DATA_PARALLEL = List.of(1, 2, 4, 8);

  /** Decode sequences per attention data-parallel rank tried. */
  private static final List<Integer> BATCHES = List.of(8, 16, 32, 64, 128, 256);

  /** Ping-pong: one micro-batch in attention while the other is in the FFN (MegaScale-Infer). */
  static final int MICRO_BATCHES = 2;

  /** Busiest expert device's load over the mean after EPLB-style rebalancing. */
  private static final double EXPERT_LOAD_IMBALANCE = 1.3;

  /** Share of on-chip SRAM given to weights; the rest holds activations and buffers. */
  static final double SRAM_SHARE_FOR_WEIGHTS = 0.75;

  private static final DataSize RUNTIME_RESERVE = DataSize.ofGibibytes(4);

  /**
   * A token's activations go to at most top-k FFN devices (every device for a dense FFN): this
   * strategy's own, cruder fan-out, kept so its results stay as they were.
   */
  private static final AfdPipeline.Reach TOP_K_REACH =
      (moe, ffnDevices) -> moe == null ? ffnDevices : Math.min(ffnDevices, moe.topK());

  record HeteroAfdCandidate(int tensorParallel, int dataParallel, int ffnDevices, int batch)
      implements Candidate {
    int attentionDevices() {
      return tensorParallel * dataParallel;
    }

    @Override
    public int devices() {
      return attentionDevices() + ffnDevices;
    }

    @Override
    public Map<String, String> knobs() {
      Map<String, String> knobs = new LinkedHashMap<>();
      knobs.put("attention-tp", String.valueOf(tensorParallel));
      knobs.put("attention-dp", String.valueOf(dataParallel));
      knobs.put("ffn-devices", String.valueOf(ffnDevices));
      knobs.put("batch", String.valueOf(batch));
      knobs.put("micro-batches", String.valueOf(MICRO_BATCHES));
      return knobs;
    }
  }

  private final StrategyContext context;
  private final StepPricer pricer;
  private final SystemSpec attentionSystem;
  private final int ffnSystemIndex;
  private final SystemSpec ffnSystem;
  private final boolean weightsInSram;
  private final int expertCount;
  // One FFN accelerator view per SRAM share: the pricer memoizes by the view's identity.
  private final Map<Double, AcceleratorSpec> ffnViews = new ConcurrentHashMap<>();

  HeteroAfdStrategy(StrategyContext context) {
    this.context = context;
    this.pricer =
        new StepPricer(context.model(), context.kernelCostModel(), context.networkModel());
    ClusterSpec cluster = context.cluster();
    this.attentionSystem = cluster.primary();
    this.ffnSystemIndex =
        ffnSystemIndex(cluster, context.options().get(HeteroAfdStrategyProvider.FFN_SYSTEM));
    this.ffnSystem = cluster.systems().get(ffnSystemIndex);
    this.weightsInSram =
        context.options().get(HeteroAfdStrategyProvider.WEIGHTS_IN_SRAM).equals("yes");
    this.expertCount = Experts.expertCount(context.model());
  }

  private static int ffnSystemIndex(ClusterSpec cluster, String value) {
    if (value.equals("last")) {
      return cluster.systems().size() - 1;
    }
    try {
      return Roles.systemIndex(cluster, "ffn-system", value);
    } catch (AfdConfigurationException e) {
      // The kit knows 'primary'; this strategy adds 'last', so its message names both.
      throw new AfdConfigurationException(e.getMessage() + " (or 'last', 'primary')", e);
    }
  }

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    boolean shared = ffnSystemIndex == 0;
    for (int tensorParallel : ATTENTION_TENSOR_PARALLEL) {
      if (tensorParallel > attentionSystem.devicesPerNode()) {
        continue; // attention TP stays inside one scale-up node
      }
      for (int dataParallel : ATTENTION_DATA_PARALLEL) {
        int attention = tensorParallel * dataParallel;
        for (int ffnDevices : context.options().get(HeteroAfdStrategyProvider.FFN_DEVICES)) {
          boolean fits =
              shared
                  ? attention + ffnDevices <= attentionSystem.deviceCount()
                  : attention <= attentionSystem.deviceCount()
                      && ffnDevices <= ffnSystem.deviceCount();
          // Expert parallelism beyond the expert count would leave devices idle.
          boolean useful = expertCount == 0 || ffnDevices <= expertCount;
          if (fits && useful && attention + ffnDevices <= context.deviceBudget()) {
            for (int batch : BATCHES) {
              sink.accept(new HeteroAfdCandidate(tensorParallel, dataParallel, ffnDevices, batch));
            }
          }
        }
      }
    }
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    requireNonNull(candidate, "candidate");
    HeteroAfdCandidate c = (HeteroAfdCandidate) candidate;
    WorkloadSpec workload = context.workload();
    int tp = c.tensorParallel();
    Sharding sharding =
        expertCount > 0
            ? new Sharding(tp, c.dataParallel(), 1, c.ffnDevices(), EXPERT_LOAD_IMBALANCE)
            : new Sharding(tp, c.dataParallel(), c.ffnDevices(), 1, 1);
    AcceleratorSpec gpu = attentionSystem.accelerator();
    AcceleratorSpec npu = ffnSystem.accelerator();
    StepPricer.Footprint footprint = pricer.footprint(sharding);
    double kvBytes =
        c.batch() * (double) workload.finalContextTokens() * footprint.kvBytesPerToken()
            + c.batch() * footprint.stateBytesPerSequence();
    double attentionTokens = Math.max(c.batch(), workload.inputTokens());
    double ffnTokens = Math.max((double) c.batch() * c.dataParallel(), workload.inputTokens());
    List<MemoryUsage> memory =
        List.of(
            usage("attention", footprint.mixerWeightBytes(), kvBytes, attentionTokens, gpu),
            usage("ffn", footprint.ffnWeightBytes(), 0, ffnTokens, npu));
    double sramShare = sramShare(npu, footprint.ffnWeightBytes());
    Map<String, String> knobs = c.knobs();
    knobs.put("sram-share", String.format(Locale.ROOT, "%.0f%%", 100 * sramShare));
    Map<String, Integer> roles = new LinkedHashMap<>();
    roles.put("attention", c.attentionDevices());
    roles.put("ffn", c.ffnDevices());
    ServingResult.Builder result =
        ServingResult.builder(HeteroAfdStrategyProvider.ID)
            .knobs(knobs)
            .devices(c.devices(), roles)
            .memory(memory)
            .models(context.kernelCostModel().id(), context.networkModel().id());
    for (MemoryUsage usage : memory) {
      if (!usage.fits()) {
        return result.infeasible(reason(usage)).build();
      }
    }
    AcceleratorSpec ffnView =
        sramShare > 0 ? ffnViews.computeIfAbsent(sramShare, s -> withSramBandwidth(npu, s)) : npu;
    StepPricer.Placement onGpus = new StepPricer.Placement(gpu, 0, 0);
    StepPricer.Placement onFfn =
        new StepPricer.Placement(
            ffnView, ffnSystemIndex, ffnSystemIndex == 0 ? c.attentionDevices() : 0);
    // Decode: one micro-batch's sequences on one data-parallel rank, at the mean decode context.
    long perMicroBatch = (c.batch() + MICRO_BATCHES - 1) / MICRO_BATCHES;
    AfdPipeline.PricedAfdStep decode =
        AfdPipeline.price(
            pricer,
            deployment(onGpus, c.attentionDevices(), onFfn, c, MICRO_BATCHES),
            StepShape.decode(perMicroBatch, Math.round(workload.meanDecodeContextTokens())),
            StepShape.decode(perMicroBatch * c.dataParallel(), 0),
            sharding);
    // Prefill: one request's new tokens on one rank's tensor-parallel group, no pipelining.
    double prefillSeconds =
        AfdPipeline.price(
                pricer,
                deployment(onGpus, tp, onFfn, c, 1),
                StepShape.prefill(1, workload.prefixTokens(), workload.inputTokens()),
                StepShape.decode(workload.inputTokens(), 0),
                sharding)
            .step()
            .seconds();
    double prefillPerStep = c.batch() / (double) workload.outputTokens() * prefillSeconds;
    double tpot = decode.step().seconds() + prefillPerStep;
    double ttft = prefillSeconds + tpot;
    double concurrency = (double) c.dataParallel() * c.batch();
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

  /** {@return the two sides' placement; the router runs with the FFN, afd's pipeline rule} */
  private AfdPipeline.Deployment deployment(
      StepPricer.Placement attention,
      int senders,
      StepPricer.Placement ffn,
      HeteroAfdCandidate c,
      int microBatches) {
    Precision activations = context.model().activationPrecision();
    return new AfdPipeline.Deployment(
        attention,
        senders,
        ffn,
        c.ffnDevices(),
        c.tensorParallel(),
        TOP_K_REACH,
        activations,
        microBatches,
        false,
        null);
  }

  private MemoryUsage usage(
      String group, double weightBytes, double kvBytes, double tokens, AcceleratorSpec device) {
    double activationBytes = Memory.activationBytes(context.model(), tokens);
    return Memory.usage(
        group,
        weightBytes,
        kvBytes,
        activationBytes,
        RUNTIME_RESERVE,
        device.memoryCapacityPerDevice());
  }

  private static String reason(MemoryUsage usage) {
    return String.format(
        Locale.ROOT,
        "%s devices need %.1f GiB of %.1f GiB",
        usage.group(),
        usage.total().toGibibytes(),
        usage.capacity().toGibibytes());
  }

  /** {@return the share of a device's FFN weights served from SRAM, 0 when off or absent} */
  private double sramShare(AcceleratorSpec accelerator, double ffnWeightBytes) {
    if (!weightsInSram
        || ffnWeightBytes <= 0
        || accelerator.onChipBandwidth().bytesPerSecond() <= 0) {
      return 0;
    }
    double sramBytes = accelerator.onChipMemory().bytes() * SRAM_SHARE_FOR_WEIGHTS;
    return Math.min(1, sramBytes / ffnWeightBytes);
  }

  /**
   * {@return the accelerator as the FFN sees it: reading {@code share} of the bytes from SRAM and
   * the rest from HBM gives a harmonic blend of the two bandwidths}
   */
  static AcceleratorSpec withSramBandwidth(AcceleratorSpec accelerator, double share) {
    double secondsPerByte =
        share / accelerator.onChipBandwidth().bytesPerSecond()
            + (1 - share) / accelerator.memoryBandwidth().bytesPerSecond();
    return accelerator.toBuilder().memoryBandwidth(new ByteRate(1 / secondsPerByte)).build();
  }
}

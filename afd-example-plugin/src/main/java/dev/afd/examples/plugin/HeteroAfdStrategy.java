package dev.afd.examples.plugin;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.AfdPipeline;
import dev.afd.strategykit.AfdUnit;
import dev.afd.strategykit.Experts;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.StepPricer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code hetero-afd}, bound to one context, built on the strategy kit's {@link AfdUnit}: the kit
 * accounts each role's memory, prices both sides through the context's cost and network models and
 * composes the attention-FFN pipeline and its prefill share, so this class holds what is new: the
 * layout space, the FFN on another system, and SRAM-resident expert weights. A decode step
 * pipelines {@value #MICRO_BATCHES} micro-batches.
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
    @Override
    public int devices() {
      return tensorParallel * dataParallel + ffnDevices;
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
  private final AfdUnit unit;
  private final SystemSpec attentionSystem;
  private final int ffnSystemIndex;
  private final SystemSpec ffnSystem;
  private final boolean weightsInSram;
  private final int expertCount;
  // One FFN accelerator view per SRAM share: the pricer memoizes by the view's identity.
  private final Map<Double, AcceleratorSpec> ffnViews = new ConcurrentHashMap<>();

  HeteroAfdStrategy(StrategyContext context) {
    this.context = context;
    // The router runs with the FFN, afd's pipeline rule.
    this.unit =
        new AfdUnit(context, HeteroAfdStrategyProvider.ID, RUNTIME_RESERVE, TOP_K_REACH, false);
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
    HeteroAfdCandidate c = (HeteroAfdCandidate) requireNonNull(candidate, "candidate");
    int tp = c.tensorParallel();
    int dp = c.dataParallel();
    Sharding sharding = unit.sharding(tp, dp, c.ffnDevices(), EXPERT_LOAD_IMBALANCE);
    AcceleratorSpec npu = ffnSystem.accelerator();
    double sramShare = sramShare(npu, unit.pricer().footprint(sharding).ffnWeightBytes());
    Map<String, String> knobs = c.knobs();
    knobs.put("sram-share", String.format(Locale.ROOT, "%.0f%%", 100 * sramShare));
    AcceleratorSpec ffnView =
        sramShare > 0 ? ffnViews.computeIfAbsent(sramShare, s -> withSramBandwidth(npu, s)) : npu;
    // Sharing the primary system, the FFN group starts after the attention devices.
    int ffnFirst = ffnSystemIndex == 0 ? tp * dp : 0;
    return unit.evaluate(
        knobs,
        new AfdUnit.Layout(tp, dp, c.ffnDevices(), c.batch(), MICRO_BATCHES, sharding),
        new StepPricer.Placement(attentionSystem.accelerator(), 0, 0),
        new StepPricer.Placement(ffnView, ffnSystemIndex, ffnFirst));
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

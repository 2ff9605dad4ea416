package dev.afd.examples.plugin;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.Fidelity;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.StrategyContext;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code hetero-afd}, bound to one context. Prices every stage through the context's {@link
 * KernelCostModel} and {@link NetworkModel} only, so it works with any accelerator and any cluster
 * a plugin or hardware file describes.
 *
 * <p>One decode step pipelines {@value #MICRO_BATCHES} micro-batches through four stages per layer:
 * attention {@code a} on the GPUs, the attention-to-FFN dispatch {@code c1}, the FFN {@code f} and
 * the combine {@code c2}. A layer takes {@code max(M·max(a, c1, f, c2), a + c1 + f + c2)}. Each
 * step also carries its share of prefill: {@code batch / osl} requests per data-parallel rank join
 * per step, and each prefill runs once through the same stages ({@code M = 1}).
 *
 * <p>On-chip SRAM: with {@code weights-in-sram=yes}, the FFN side is priced on a view of its
 * accelerator whose memory bandwidth blends {@link AcceleratorSpec#onChipBandwidth()} (for the
 * share of the device's FFN weights that fits in {@value #SRAM_SHARE_FOR_WEIGHTS} of {@link
 * AcceleratorSpec#onChipMemory()}) with HBM bandwidth (for the rest), harmonically, as a stream
 * that reads both parts would see. A measured kernel table keyed by the accelerator id ignores the
 * view; the roofline honours it.
 *
 * <p>Immutable and thread-safe.
 */
final class HeteroAfdStrategy implements ServingStrategy {
  /** Attention tensor-parallel degrees tried, each within one scale-up node. */
  private static final List<Integer> ATTENTION_TENSOR_PARALLEL = List.of(1, 2, 4, 8);

  /** Attention data-parallel degrees tried. */
  private static final List<Integer> ATTENTION_DATA_PARALLEL = List.of(1, 2, 4, 8);

  /** Decode sequences per attention data-parallel rank tried. */
  private static final List<Integer> BATCHES = List.of(8, 16, 32, 64, 128, 256);

  /** Ping-pong: one micro-batch in attention while the other is in the FFN (MegaScale-Infer). */
  static final int MICRO_BATCHES = 2;

  /** Busiest expert device's load over the mean after EPLB-style rebalancing. */
  private static final double EXPERT_LOAD_IMBALANCE = 1.3;

  /** Share of on-chip SRAM given to weights; the rest holds activations and buffers. */
  static final double SRAM_SHARE_FOR_WEIGHTS = 0.75;

  /** Memory per device reserved for the runtime and communication buffers. */
  private static final DataSize RUNTIME_RESERVE = DataSize.ofGibibytes(4);

  /** Activation working set per token, in units of hidden size × activation bytes. */
  private static final double ACTIVATION_WORKSPACE_FACTOR = 16;

  /**
   * One configuration.
   *
   * @param tensorParallel attention TP
   * @param dataParallel attention DP
   * @param ffnDevices FFN devices
   * @param batch decode sequences per attention data-parallel rank
   */
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

  /** Per layer group, one layer's stage seconds; plus the edge blocks once. */
  private record StageTimes(
      double[] attention, double[] dispatch, double[] ffn, double[] combine, double edges) {}

  private final StrategyContext context;
  private final MoeModelSpec model;
  private final SystemSpec attentionSystem;
  private final int ffnSystemIndex;
  private final SystemSpec ffnSystem;
  private final boolean weightsInSram;
  private final int expertCount;

  HeteroAfdStrategy(StrategyContext context) {
    this.context = context;
    this.model = context.model();
    ClusterSpec cluster = context.cluster();
    this.attentionSystem = cluster.primary();
    this.ffnSystemIndex =
        systemIndex(cluster, context.options().get(HeteroAfdStrategyProvider.FFN_SYSTEM));
    this.ffnSystem = cluster.systems().get(ffnSystemIndex);
    this.weightsInSram =
        context.options().get(HeteroAfdStrategyProvider.WEIGHTS_IN_SRAM).equals("yes");
    int experts = 0;
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        if (block instanceof MoeFfnBlock moe) {
          experts = Math.max(experts, moe.expertCount());
        }
      }
    }
    this.expertCount = experts;
  }

  private static int systemIndex(ClusterSpec cluster, String value) {
    if (value.equals("last")) {
      return cluster.systems().size() - 1;
    }
    if (value.equals("primary")) {
      return 0;
    }
    for (int index = 0; index < cluster.systems().size(); index++) {
      if (cluster.systems().get(index).id().equals(value)) {
        return index;
      }
    }
    throw new AfdConfigurationException(
        "Option 'ffn-system' names system '"
            + value
            + "', which is not in cluster '"
            + cluster.id()
            + "'. Systems in the cluster: "
            + cluster.systems().stream()
                .map(SystemSpec::id)
                .sorted()
                .collect(Collectors.joining(", ", "[", "]"))
            + " (or 'last', 'primary')");
  }

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    boolean shared = ffnSystemIndex == 0;
    for (int tensorParallel : ATTENTION_TENSOR_PARALLEL) {
      if (tensorParallel > attentionSystem.devicesPerNode()) {
        continue;
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
          if (!fits || !useful || attention + ffnDevices > context.deviceBudget()) {
            continue;
          }
          for (int batch : BATCHES) {
            sink.accept(new HeteroAfdCandidate(tensorParallel, dataParallel, ffnDevices, batch));
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
    Sharding sharding =
        expertCount > 0
            ? new Sharding(
                c.tensorParallel(), c.dataParallel(), 1, c.ffnDevices(), EXPERT_LOAD_IMBALANCE)
            : new Sharding(c.tensorParallel(), c.dataParallel(), c.ffnDevices(), 1, 1);
    AcceleratorSpec gpu = attentionSystem.accelerator();
    AcceleratorSpec npu = ffnSystem.accelerator();

    double ffnWeightBytes = model.weightBytesPerDevice(sharding, BlockRole.FEED_FORWARD);
    MemoryUsage attentionMemory =
        usage(
            "attention",
            model.weightBytesPerDevice(sharding, BlockRole.MIXER)
                + model.weightBytesPerDevice(sharding, BlockRole.EDGE),
            c.batch()
                    * (double) workload.finalContextTokens()
                    * model.kvBytesPerTokenPerDevice(sharding)
                + c.batch() * model.stateBytesPerSequencePerDevice(sharding),
            Math.max(c.batch(), workload.inputTokens()),
            gpu);
    MemoryUsage ffnMemory =
        usage(
            "ffn",
            ffnWeightBytes,
            0,
            Math.max((double) c.batch() * c.dataParallel(), workload.inputTokens()),
            npu);
    double sramShare = sramShare(npu, ffnWeightBytes);
    Map<String, String> knobs = c.knobs();
    knobs.put("sram-share", String.format(Locale.ROOT, "%.0f%%", 100 * sramShare));
    Map<String, Integer> roles = new LinkedHashMap<>();
    roles.put("attention", c.attentionDevices());
    roles.put("ffn", c.ffnDevices());
    ServingResult.Builder result =
        ServingResult.builder(HeteroAfdStrategyProvider.ID)
            .knobs(knobs)
            .devices(c.devices(), roles)
            .memory(List.of(attentionMemory, ffnMemory))
            .models(context.kernelCostModel().id(), context.networkModel().id());
    for (MemoryUsage usage : List.of(attentionMemory, ffnMemory)) {
      if (!usage.fits()) {
        return result
            .infeasible(
                String.format(
                    Locale.ROOT,
                    "%s devices need %.1f GiB of %.1f GiB",
                    usage.group(),
                    usage.total().toGibibytes(),
                    usage.capacity().toGibibytes()))
            .build();
      }
    }
    AcceleratorSpec ffnView = sramShare > 0 ? withSramBandwidth(npu, sramShare) : npu;
    DeviceGroup attentionGroup = new DeviceGroup(0, 0, c.attentionDevices());
    DeviceGroup ffnGroup =
        new DeviceGroup(
            ffnSystemIndex, ffnSystemIndex == 0 ? c.attentionDevices() : 0, c.ffnDevices());
    double[] fidelitySeconds = new double[Fidelity.values().length];

    // Decode: one micro-batch's sequences on one data-parallel rank, at the mean decode context.
    long perMicroBatch = (c.batch() + MICRO_BATCHES - 1) / MICRO_BATCHES;
    StageTimes decode =
        price(
            StepShape.decode(perMicroBatch, Math.round(workload.meanDecodeContextTokens())),
            StepShape.decode(perMicroBatch * c.dataParallel(), 0),
            sharding,
            gpu,
            ffnView,
            attentionGroup,
            ffnGroup,
            perMicroBatch,
            c.tensorParallel(),
            fidelitySeconds);
    // Prefill: one request's new tokens on one rank's tensor-parallel group, no pipelining.
    StageTimes prefill =
        price(
            StepShape.prefill(1, workload.prefixTokens(), workload.inputTokens()),
            StepShape.decode(workload.inputTokens(), 0),
            sharding,
            gpu,
            ffnView,
            new DeviceGroup(0, 0, c.tensorParallel()),
            ffnGroup,
            workload.inputTokens(),
            c.tensorParallel(),
            new double[Fidelity.values().length]);

    double[] busy = new double[4];
    double stepSeconds = pipeline(decode, MICRO_BATCHES, busy);
    double prefillSeconds = pipeline(prefill, 1, new double[4]);
    double prefillPerStep = c.batch() / (double) workload.outputTokens() * prefillSeconds;
    double tpot = stepSeconds + prefillPerStep;
    double ttft = prefillSeconds + tpot;
    double concurrency = (double) c.dataParallel() * c.batch();

    Map<String, TimeSpan> stages = new LinkedHashMap<>();
    stages.put("attention", TimeSpan.ofSeconds(busy[0]));
    stages.put("a2f", TimeSpan.ofSeconds(busy[1]));
    stages.put("ffn", TimeSpan.ofSeconds(busy[2]));
    stages.put("f2a", TimeSpan.ofSeconds(busy[3]));
    double busiest = Math.max(Math.max(busy[0], busy[1]), Math.max(busy[2], busy[3]));
    stages.put("bubble", TimeSpan.ofSeconds(Math.max(0, stepSeconds - busiest)));
    stages.put("prefill", TimeSpan.ofSeconds(prefillPerStep));
    return result
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(tpot),
            TimeSpan.ofSeconds(ttft + tpot * (workload.outputTokens() - 1)))
        .throughput(concurrency / tpot, concurrency)
        .stageTimes(stages)
        .fidelityMix(mix(fidelitySeconds))
        .build();
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

  private StageTimes price(
      StepShape attentionShape,
      StepShape ffnShape,
      Sharding sharding,
      AcceleratorSpec gpu,
      AcceleratorSpec ffnAccelerator,
      DeviceGroup senders,
      DeviceGroup ffnGroup,
      double tokensPerRank,
      int tensorParallel,
      double[] fidelitySeconds) {
    List<LayerGroup> groups = model.layers();
    double[] attention = new double[groups.size()];
    double[] dispatch = new double[groups.size()];
    double[] ffn = new double[groups.size()];
    double[] combine = new double[groups.size()];
    for (int index = 0; index < groups.size(); index++) {
      LayerGroup group = groups.get(index);
      double weight = group.count();
      int fanOut = 0;
      for (Block block : group.blocks()) {
        if (block.role() == BlockRole.FEED_FORWARD) {
          ffn[index] +=
              seconds(block, ffnShape, sharding, ffnAccelerator, ffnGroup, weight, fidelitySeconds);
          fanOut =
              block instanceof MoeFfnBlock moe
                  ? Math.min(ffnGroup.size(), moe.topK())
                  : ffnGroup.size();
        } else {
          attention[index] +=
              seconds(block, attentionShape, sharding, gpu, senders, weight, fidelitySeconds);
        }
      }
      if (fanOut > 0) {
        // Each tensor-parallel rank sends its share of the tokens to the experts they chose.
        double bytesPerSender =
            tokensPerRank
                / tensorParallel
                * fanOut
                * model.hiddenSize()
                * model.activationPrecision().bytesPerElement();
        NetworkModel network = context.networkModel();
        dispatch[index] = network.exchange(senders, ffnGroup, bytesPerSender, fanOut).seconds();
        double bytesPerFfnDevice = bytesPerSender * senders.size() / ffnGroup.size();
        combine[index] =
            network.exchange(ffnGroup, senders, bytesPerFfnDevice, senders.size()).seconds();
      }
    }
    double edges = 0;
    for (Block block : model.edges()) {
      edges += seconds(block, attentionShape, sharding, gpu, senders, 1, fidelitySeconds);
    }
    return new StageTimes(attention, dispatch, ffn, combine, edges);
  }

  /**
   * {@return one block's seconds on its devices: kernels on the accelerator, collectives on the
   * network}
   */
  private double seconds(
      Block block,
      StepShape shape,
      Sharding sharding,
      AcceleratorSpec accelerator,
      DeviceGroup devices,
      double weight,
      double[] fidelitySeconds) {
    double[] total = new double[1];
    KernelCostModel costModel = context.kernelCostModel();
    block.emit(
        shape,
        sharding,
        (operatorGroup, operator) -> {
          if (operator instanceof CollectiveOperator collective) {
            total[0] += collective(collective, devices);
            return;
          }
          OperatorTime time = costModel.time(operator, accelerator);
          total[0] += time.seconds();
          fidelitySeconds[time.fidelity().ordinal()] += time.seconds() * weight;
        });
    return total[0];
  }

  private double collective(CollectiveOperator collective, DeviceGroup devices) {
    // Under AFD the expert dispatch and combine are the attention↔FFN exchanges priced above.
    if (collective.scope() == ParallelScope.EXPERT
        || collective.groupSize() <= 1
        || collective.bytes() == 0) {
      return 0;
    }
    int size = Math.min(collective.groupSize(), devices.size());
    DeviceGroup group = new DeviceGroup(devices.systemIndex(), devices.firstDevice(), size);
    return context
        .networkModel()
        .collective(collective.kind(), collective.bytes(), group)
        .seconds();
  }

  /**
   * {@return the step seconds of a pipeline of {@code microBatches}; {@code busy} receives each
   * stage's busy seconds (attention, dispatch, FFN, combine)}
   */
  private double pipeline(StageTimes stages, int microBatches, double[] busy) {
    double total = 0;
    double drain = 0;
    for (int index = 0; index < stages.attention().length; index++) {
      double a = stages.attention()[index];
      double c1 = stages.dispatch()[index];
      double f = stages.ffn()[index];
      double c2 = stages.combine()[index];
      double sum = a + c1 + f + c2;
      double slowest = Math.max(Math.max(a, c1), Math.max(f, c2));
      int layers = model.layers().get(index).count();
      total += layers * Math.max(microBatches * slowest, sum);
      busy[0] += layers * microBatches * a;
      busy[1] += layers * microBatches * c1;
      busy[2] += layers * microBatches * f;
      busy[3] += layers * microBatches * c2;
      // The last micro-batch drains through the stages after the bottleneck.
      drain = microBatches > 1 ? sum - slowest : 0;
    }
    busy[0] += microBatches * stages.edges();
    return total + drain + microBatches * stages.edges();
  }

  private MemoryUsage usage(
      String group, double weightBytes, double kvBytes, double tokens, AcceleratorSpec device) {
    double activationBytes =
        tokens
            * model.hiddenSize()
            * model.activationPrecision().bytesPerElement()
            * ACTIVATION_WORKSPACE_FACTOR;
    return new MemoryUsage(
        group,
        DataSize.ofBytes((long) Math.ceil(weightBytes)),
        DataSize.ofBytes((long) Math.ceil(kvBytes)),
        DataSize.ofBytes((long) Math.ceil(activationBytes)),
        RUNTIME_RESERVE,
        device.memoryCapacityPerDevice());
  }

  private static Map<Fidelity, Double> mix(double[] seconds) {
    double total = 0;
    for (double value : seconds) {
      total += value;
    }
    Map<Fidelity, Double> mix = new EnumMap<>(Fidelity.class);
    for (Fidelity fidelity : Fidelity.values()) {
      if (total > 0 && seconds[fidelity.ordinal()] > 0) {
        mix.put(fidelity, seconds[fidelity.ordinal()] / total);
      }
    }
    return mix;
  }
}

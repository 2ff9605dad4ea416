package dev.afd.simulate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
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
import dev.afd.api.operator.Operator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;
import dev.afd.strategykit.AfdPipeline;
import java.util.List;
import java.util.Optional;

/**
 * Prices an iteration of one attention data-parallel rank of an attention-FFN disaggregated unit
 * ({@code agg-afd}, {@code pd-afd}) as the AFD strategies price a unit step (docs/strategies.md):
 * the iteration is split into {@code m} micro-batches; one micro-batch's attention side is priced
 * at the micro-batch's shape on the attention devices, its FFN side at the micro-batch's tokens of
 * every attention rank on the FFN devices, the A→F and F→A transfers on the network model, and the
 * step is the pipeline {@code Σ_groups layers · max(m · slowest stage, a + c1 + f + c2)} plus the
 * drain of the last micro-batch and the edges of every micro-batch (or AIConfigurator's cycle when
 * the conventions follow it).
 *
 * <p>The micro-batches: {@code m = min(M, decode sequences + prefill tokens)} (a micro-batch needs
 * a token), each with {@code ⌈d/m⌉} decoding sequences and {@code max(1, round(T/m))} of the {@code
 * T} prefill tokens, over {@code ⌈p/m⌉} of the {@code p} prompts. At the strategies' shapes (batch
 * at least {@code M}, one prompt's chunk) this is exactly their micro-batch.
 *
 * <p>The strategies are plugins, which the simulation reaches only through their described steps
 * (docs/style.md, module boundaries), so the pipeline's composition is written here again; {@code
 * SimulationTargetTest} holds it equal to the strategies' own step times to 1e-9. Slow (every
 * operator, every call): wrap it in a {@link BucketedIterationPricer}.
 */
public final class AfdIterationPricer implements IterationPricer {
  /** Bytes per sender at which the exchange cost is sampled, as the strategies sample it. */
  private static final double SAMPLE_BYTES = 1 << 20;

  private final MoeModelSpec model;
  private final KernelCostModel costModel;
  private final NetworkModel network;
  private final Sharding sharding;
  private final int microBatches;
  private final boolean routerOnAttention;
  private final Precision dispatchPrecision;
  private final boolean aicPipeline;
  private final AcceleratorSpec attentionAccelerator;
  private final AcceleratorSpec ffnAccelerator;
  private final DeviceGroup attentionDevices;
  private final DeviceGroup ffnDevices;
  // Per layer group: devices one token reaches on the FFN side; 0 for groups without an FFN.
  private final double[] reached;
  // Per layer group: A→F and F→A exchange lines {intercept, slope per byte}.
  private final double[][] dispatchLine;
  private final double[][] combineLine;

  /**
   * Prices iterations of one attention rank of a unit.
   *
   * @param model the model as served
   * @param cluster the cluster
   * @param costModel the kernel cost model
   * @param network the network model
   * @param sharding the unit's sharding (attention TP × DP, FFN MoE TP × EP)
   * @param attentionSystem the system of the attention devices
   * @param ffnSystem the system of the FFN devices (after the attention devices on a shared one)
   * @param microBatches micro-batches in flight, {@code M}
   * @param routerOnAttention whether the router runs with attention
   * @param dispatchPrecision format of A→F activations
   * @param aicPipeline whether to compose the step with AIConfigurator's cycle
   */
  public AfdIterationPricer(
      MoeModelSpec model,
      ClusterSpec cluster,
      KernelCostModel costModel,
      NetworkModel network,
      Sharding sharding,
      int attentionSystem,
      int ffnSystem,
      int microBatches,
      boolean routerOnAttention,
      Precision dispatchPrecision,
      boolean aicPipeline) {
    if (microBatches < 1) {
      throw new IllegalArgumentException("micro-batches must be >= 1, got " + microBatches);
    }
    this.model = model;
    this.costModel = costModel;
    this.network = network;
    this.sharding = sharding;
    this.microBatches = microBatches;
    this.routerOnAttention = routerOnAttention;
    this.dispatchPrecision = dispatchPrecision;
    this.aicPipeline = aicPipeline;
    this.attentionAccelerator = cluster.systems().get(attentionSystem).accelerator();
    this.ffnAccelerator = cluster.systems().get(ffnSystem).accelerator();
    int attention = sharding.attentionDevices();
    this.attentionDevices = new DeviceGroup(attentionSystem, 0, attention);
    this.ffnDevices =
        new DeviceGroup(
            ffnSystem, attentionSystem == ffnSystem ? attention : 0, sharding.moeDevices());
    List<LayerGroup> groups = model.layers();
    this.reached = new double[groups.size()];
    this.dispatchLine = new double[groups.size()][];
    this.combineLine = new double[groups.size()][];
    for (int index = 0; index < groups.size(); index++) {
      MoeFfnBlock moe = null;
      boolean feedForward = false;
      for (Block block : groups.get(index).blocks()) {
        if (block instanceof MoeFfnBlock found) {
          moe = found;
        }
        feedForward |= block.role() == BlockRole.FEED_FORWARD;
      }
      if (!feedForward) {
        continue;
      }
      double perToken = devicesReachedPerToken(moe);
      reached[index] = Math.min(ffnDevices.size(), Math.max(1, perToken));
      int destinations = (int) Math.max(1, Math.min(ffnDevices.size(), Math.round(reached[index])));
      dispatchLine[index] = line(attentionDevices, ffnDevices, destinations);
      combineLine[index] = line(ffnDevices, attentionDevices, attentionDevices.size());
    }
  }

  /**
   * {@return expected distinct FFN devices one token's top-k experts reach: {@code moeTP · EP · (1
   * − C(E − E/EP, k)/C(E, k))}, {@code moeTP} without experts or expert parallelism}
   */
  private double devicesReachedPerToken(MoeFfnBlock moe) {
    int expertParallel = sharding.expertParallel();
    if (moe == null || expertParallel <= 1) {
      return sharding.moeTensorParallel();
    }
    int experts = moe.expertCount();
    double expertsPerDevice = experts / (double) expertParallel;
    double miss = 1;
    for (int index = 0; index < moe.topK(); index++) {
      double numerator = experts - expertsPerDevice - index;
      miss *= numerator <= 0 ? 0 : numerator / (experts - index);
    }
    return sharding.moeTensorParallel() * expertParallel * (1 - miss);
  }

  /** {@return the exchange's cost line, sampled at two sizes (every network model is affine)} */
  private double[] line(DeviceGroup senders, DeviceGroup receivers, int destinations) {
    double one = network.exchange(senders, receivers, SAMPLE_BYTES, destinations).seconds();
    double two = network.exchange(senders, receivers, 2 * SAMPLE_BYTES, destinations).seconds();
    double slope = (two - one) / SAMPLE_BYTES;
    return new double[] {Math.max(0, one - slope * SAMPLE_BYTES), slope};
  }

  private static double exchange(double[] line, double bytes) {
    return bytes <= 0 ? 0 : line[0] + line[1] * bytes;
  }

  @Override
  public double iterationSeconds(
      int decodes, long decodeContext, int prompts, long prefillTokens, long cachedContext) {
    int inFlight = (int) Math.max(1, Math.min(microBatches, decodes + prefillTokens));
    int decodePerMicroBatch = (decodes + inFlight - 1) / inFlight;
    long prefillPerMicroBatch =
        prefillTokens == 0 ? 0 : Math.max(1, Math.round(prefillTokens / (double) inFlight));
    int promptsPerMicroBatch =
        (int) Math.min(prefillPerMicroBatch, (prompts + inFlight - 1) / inFlight);
    StepShape rank =
        StepIterationPricer.shape(
            decodePerMicroBatch,
            decodeContext,
            promptsPerMicroBatch,
            prefillPerMicroBatch,
            cachedContext);
    return stepSeconds(rank, inFlight);
  }

  /** {@return the unit step of {@code microBatches} micro-batches of {@code rank}'s shape} */
  double stepSeconds(StepShape rank, int inFlight) {
    Side attention = side(false, rank, attentionAccelerator, attentionDevices);
    Side ffn =
        side(
            true,
            StepShape.decode(rank.tokens() * sharding.attentionDataParallel(), 0),
            ffnAccelerator,
            ffnDevices);
    double tokensPerSender = rank.tokens() / (double) sharding.attentionTensorParallel();
    double hiddenBytes = model.hiddenSize();
    double total = 0;
    double drain = 0;
    List<LayerGroup> groups = model.layers();
    for (int group = 0; group < groups.size(); group++) {
      double router = ffn.router[group];
      double a =
          attention.compute[group]
              + attention.communication[group]
              + (routerOnAttention ? router : 0);
      // The A→F and F→A transfers replace the expert-parallel dispatch and combine.
      double f =
          ffn.compute[group]
              + ffn.communication[group]
              - ffn.expertCommunication[group]
              - (routerOnAttention ? router : 0);
      double c1 = 0;
      double c2 = 0;
      if (dispatchLine[group] != null) {
        double dispatchBytes =
            tokensPerSender * reached[group] * hiddenBytes * dispatchPrecision.bytesPerElement();
        c1 = exchange(dispatchLine[group], dispatchBytes);
        double combineBytes =
            dispatchBytes
                * model.activationPrecision().bytesPerElement()
                / dispatchPrecision.bytesPerElement()
                * attentionDevices.size()
                / ffnDevices.size();
        c2 = exchange(combineLine[group], combineBytes);
      }
      double sum = a + c1 + f + c2;
      int layers = groups.get(group).count();
      if (aicPipeline) {
        double cycle = AfdPipeline.aiConfiguratorCycle(a, c1, f, c2, inFlight);
        total += layers * inFlight * cycle;
        drain = sum - cycle;
      } else {
        double slowest = Math.max(Math.max(a, f), Math.max(c1, c2));
        total += layers * Math.max(inFlight * slowest, sum);
        drain = inFlight > 1 ? sum - slowest : 0;
      }
    }
    return total + drain + inFlight * attention.edges;
  }

  /** One side of a micro-batch, per layer group: one layer's seconds by kind. */
  private static final class Side {
    final double[] compute;
    final double[] router;
    final double[] communication;
    final double[] expertCommunication;
    double edges;

    Side(int groups) {
      compute = new double[groups];
      router = new double[groups];
      communication = new double[groups];
      expertCommunication = new double[groups];
    }
  }

  private Side side(
      boolean feedForward, StepShape shape, AcceleratorSpec accelerator, DeviceGroup devices) {
    List<LayerGroup> groups = model.layers();
    Side side = new Side(groups.size());
    for (int index = 0; index < groups.size(); index++) {
      int group = index;
      for (Block block : groups.get(index).blocks()) {
        if ((block.role() == BlockRole.FEED_FORWARD) == feedForward) {
          block.emit(
              shape,
              sharding,
              (operatorGroup, operator) ->
                  add(side, group, operatorGroup, operator, accelerator, devices));
        }
      }
    }
    if (!feedForward) {
      for (Block block : model.edges()) {
        block.emit(
            shape,
            sharding,
            (operatorGroup, operator) ->
                side.edges +=
                    operator instanceof CollectiveOperator collective
                        ? collectiveSeconds(collective, accelerator, devices)
                        : costModel.time(operator, accelerator).seconds());
      }
    }
    return side;
  }

  /** Adds one operator of a layer group to its side: communication, or compute and router. */
  private void add(
      Side side,
      int group,
      OperatorGroup operatorGroup,
      Operator operator,
      AcceleratorSpec accelerator,
      DeviceGroup devices) {
    if (operator instanceof CollectiveOperator collective) {
      double seconds = collectiveSeconds(collective, accelerator, devices);
      side.communication[group] += seconds;
      if (collective.scope() == ParallelScope.EXPERT) {
        side.expertCommunication[group] += seconds;
      }
      return;
    }
    double seconds = costModel.time(operator, accelerator).seconds();
    side.compute[group] += seconds;
    if (operatorGroup == OperatorGroup.ROUTER) {
      side.router[group] += seconds;
    }
  }

  /**
   * {@return a collective's seconds as the strategies price it: nothing on one device, measured
   * collective kernels where the kernel cost model has them, the network model on the side's
   * devices otherwise}
   */
  private double collectiveSeconds(
      CollectiveOperator collective, AcceleratorSpec accelerator, DeviceGroup devices) {
    if (collective.groupSize() <= 1 || collective.bytes() == 0) {
      return 0;
    }
    Optional<OperatorTime> measured = costModel.measuredCollective(collective, accelerator);
    if (measured.isPresent()) {
      return measured.get().seconds();
    }
    return network
        .collective(
            collective.kind(),
            collective.bytes(),
            new DeviceGroup(devices.systemIndex(), devices.firstDevice(), collective.groupSize()))
        .seconds();
  }
}

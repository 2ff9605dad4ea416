package dev.afd.strategykit;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.Block;
import dev.afd.api.model.BlockRole;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The attention-FFN pipeline of one step (docs/strategies.md): per layer and micro-batch, attention
 * {@code a}, attention→FFN transfer {@code c1}, FFN {@code f}, FFN→attention transfer {@code c2}.
 * With {@code M} micro-batches in flight, a micro-batch starts layer {@code l+1} attention only
 * after its own F→A of layer {@code l} returns, so the per-layer period is {@code P = max(M·a,
 * M·c1, M·f, M·c2, a + c1 + f + c2)} and a step takes {@code Σ_layers P} plus, for {@code M > 1},
 * the drain of the last micro-batch through the stages after the bottleneck ({@code sum − max
 * stage}). With {@code M = 1} the step is exactly the serial sum of the stages.
 *
 * <p>Called by strategies that disaggregate attention and FFN, once per priced step. Stateless;
 * thread-safe.
 *
 * @since 0.2
 */
public final class AfdPipeline {
  private AfdPipeline() {}

  /**
   * How many FFN devices one token's activations reach, per layer group: the fan-out of the A→F
   * dispatch.
   *
   * @since 0.2
   */
  @FunctionalInterface
  public interface Reach {
    /**
     * {@return the devices one token reaches; clamped to {@code [1, ffnDevices]} by the caller}
     *
     * @param moe the layer group's MoE block, null when its feed-forward block is dense
     * @param ffnDevices devices of the FFN group
     */
    double devicesPerToken(@Nullable MoeFfnBlock moe, int ffnDevices);

    /**
     * {@return the expected distinct devices under uniform routing ({@link
     * Experts#devicesReachedPerToken}), as the built-in strategies price the dispatch}
     *
     * @param moeTensorParallel MoE TP of the FFN group
     * @param expertParallel EP of the FFN group
     */
    static Reach expected(int moeTensorParallel, int expertParallel) {
      return (moe, ffnDevices) ->
          Experts.devicesReachedPerToken(moe, moeTensorParallel, expertParallel);
    }
  }

  /**
   * A per-layer cycle rule that replaces afd's period, for pipelines modelled after another tool: a
   * step then takes {@code M·L} cycles plus the fill less one cycle.
   *
   * @since 0.2
   */
  @FunctionalInterface
  public interface Cycle {
    /**
     * {@return one layer's cycle in seconds}
     *
     * @param attention attention seconds of one micro-batch
     * @param toFfn A→F seconds
     * @param ffn FFN seconds
     * @param toAttention F→A seconds
     * @param microBatches micro-batches in flight
     */
    double seconds(
        double attention, double toFfn, double ffn, double toAttention, int microBatches);
  }

  /**
   * {@return AIConfigurator's per-layer AFD cycle, a {@link Cycle}: {@code max(a, f, c1 + c2)} with
   * enough micro-batches to hide the round trip ({@code M ≥ 2 + (c1 + c2)/max(a, f)}), else {@code
   * max(a + c1, f + c2)}}
   *
   * @param attention attention seconds of one micro-batch ({@code a})
   * @param toFfn A→F seconds ({@code c1})
   * @param ffn FFN seconds ({@code f})
   * @param toAttention F→A seconds ({@code c2})
   * @param microBatches micro-batches in flight ({@code M})
   * @since 0.2
   */
  public static double aiConfiguratorCycle(
      double attention, double toFfn, double ffn, double toAttention, int microBatches) {
    double roundTrip = toFfn + toAttention;
    double compute = Math.max(attention, ffn);
    if (microBatches >= 2 + roundTrip / Math.max(compute, 1e-12)) {
      return Math.max(compute, roundTrip);
    }
    return Math.max(attention + toFfn, ffn + toAttention);
  }

  /**
   * The pipeline's step time and the busy time of each stage.
   *
   * @param seconds the step's seconds
   * @param attentionBusy attention busy seconds, edges included
   * @param attentionToFfnBusy A→F busy seconds
   * @param ffnBusy FFN busy seconds
   * @param ffnToAttentionBusy F→A busy seconds
   * @since 0.2
   */
  public record Step(
      double seconds,
      double attentionBusy,
      double attentionToFfnBusy,
      double ffnBusy,
      double ffnToAttentionBusy) {

    /** {@return stage times for results: busy time per stage and the bottleneck's idle time} */
    public Map<String, TimeSpan> stages() {
      double busiest =
          Math.max(
              Math.max(attentionBusy, ffnBusy), Math.max(attentionToFfnBusy, ffnToAttentionBusy));
      return ImmutableOrderedMap.<String, TimeSpan>builder(5)
          .put("attention", TimeSpan.ofSeconds(attentionBusy))
          .put("a2f", TimeSpan.ofSeconds(attentionToFfnBusy))
          .put("ffn", TimeSpan.ofSeconds(ffnBusy))
          .put("f2a", TimeSpan.ofSeconds(ffnToAttentionBusy))
          .put("bubble", TimeSpan.ofSeconds(Math.max(0, seconds - busiest)))
          .build();
    }
  }

  /**
   * Where the two sides of an AFD step run, how tokens travel between them and how the step is
   * pipelined.
   *
   * @param attention where the attention side runs
   * @param attentionDevices devices that send to the FFN: the attention group, or one rank's TP
   *     group for a step that runs on one rank
   * @param ffn where the FFN side runs
   * @param ffnDevices devices of the FFN group
   * @param attentionTensorParallel attention TP (each TP rank sends its share of the tokens)
   * @param reach the FFN devices one token reaches
   * @param dispatchPrecision format of A→F activations
   * @param microBatches micro-batches in flight
   * @param routerOnAttention whether the router runs with attention (else with the FFN)
   * @param cycle a per-layer cycle rule, or null for afd's period
   * @since 0.2
   */
  public record Deployment(
      StepPricer.Placement attention,
      int attentionDevices,
      StepPricer.Placement ffn,
      int ffnDevices,
      int attentionTensorParallel,
      Reach reach,
      Precision dispatchPrecision,
      int microBatches,
      boolean routerOnAttention,
      @Nullable Cycle cycle) {}

  /**
   * A priced AFD step and its operator seconds per fidelity ({@link PricedStep#addFidelity}, once
   * per micro-batch); shared between candidates, so {@code fidelitySeconds} must not be written.
   *
   * @param step the step
   * @param fidelitySeconds operator seconds per fidelity, indexed by {@link
   *     dev.afd.api.Fidelity#ordinal()}
   * @since 0.2
   */
  // Shared read-only between candidates by design (see above), so no defensive copy.
  @SuppressWarnings("ArrayRecordComponent")
  public record PricedAfdStep(Step step, double[] fidelitySeconds) {}

  /**
   * Prices one AFD step: both sides through the pricer, the transfers between them, and the
   * pipeline of the deployment's micro-batches.
   *
   * @param pricer the pricer
   * @param deployment where the sides run
   * @param attentionShape the step of one attention data-parallel rank, one micro-batch
   * @param ffnShape every token of one micro-batch reaching the FFN group
   * @param sharding the sharding
   * @return the step and its fidelity seconds
   */
  public static PricedAfdStep price(
      StepPricer pricer,
      Deployment deployment,
      StepShape attentionShape,
      StepShape ffnShape,
      Sharding sharding) {
    PricedStep attention =
        pricer.price(Side.MIXER, attentionShape, sharding, deployment.attention());
    PricedStep ffn = pricer.price(Side.FEED_FORWARD, ffnShape, sharding, deployment.ffn());
    StepPricer.Placement from = deployment.attention();
    StepPricer.Placement to = deployment.ffn();
    double[][] transfers =
        transfers(
            pricer.model(),
            pricer,
            new DeviceGroup(from.systemIndex(), from.firstDevice(), deployment.attentionDevices()),
            new DeviceGroup(to.systemIndex(), to.firstDevice(), deployment.ffnDevices()),
            (double) attentionShape.tokens(),
            deployment.attentionTensorParallel(),
            deployment.reach(),
            deployment.dispatchPrecision());
    int microBatches = deployment.microBatches();
    Step step =
        step(
            attention,
            ffn,
            transfers,
            microBatches,
            deployment.routerOnAttention(),
            deployment.cycle());
    double[] fidelity = new double[Fidelity.values().length];
    attention.addFidelity(fidelity, microBatches);
    ffn.addFidelity(fidelity, microBatches);
    return new PricedAfdStep(step, fidelity);
  }

  /**
   * Prices the A→F and F→A transfers of one layer of each layer group with a given fan-out: each
   * attention TP rank sends its share of the tokens to the devices they reach, and every FFN device
   * returns its results to every attention device.
   *
   * @param model the model
   * @param pricer prices exchanges on the network model
   * @param attention the attention devices
   * @param ffn the FFN devices
   * @param tokensPerRank tokens of one micro-batch on one attention data-parallel rank
   * @param attentionTensorParallel attention TP (each TP rank sends its share of the tokens)
   * @param reach the FFN devices one token reaches
   * @param dispatchPrecision format of A→F activations (F→A returns in the model's activation
   *     format)
   * @return {@code [group][0]} A→F seconds and {@code [group][1]} F→A seconds
   */
  public static double[][] transfers(
      MoeModelSpec model,
      StepPricer pricer,
      DeviceGroup attention,
      DeviceGroup ffn,
      double tokensPerRank,
      int attentionTensorParallel,
      Reach reach,
      Precision dispatchPrecision) {
    double[][] seconds = new double[model.layers().size()][2];
    for (int group = 0; group < seconds.length; group++) {
      LayerGroup layers = model.layers().get(group);
      MoeFfnBlock moe = null;
      boolean hasFeedForward = false;
      for (Block block : layers.blocks()) {
        if (block instanceof MoeFfnBlock found) {
          moe = found;
        }
        hasFeedForward |= block.role() == BlockRole.FEED_FORWARD;
      }
      if (!hasFeedForward) {
        continue;
      }
      double reached = Math.min(ffn.size(), Math.max(1, reach.devicesPerToken(moe, ffn.size())));
      double tokensPerSender = tokensPerRank / attentionTensorParallel;
      double hiddenBytes = model.hiddenSize();
      double dispatchBytes =
          tokensPerSender * reached * hiddenBytes * dispatchPrecision.bytesPerElement();
      int destinations = (int) Math.max(1, Math.min(ffn.size(), Math.round(reached)));
      seconds[group][0] = pricer.exchangeSeconds(attention, ffn, dispatchBytes, destinations);
      double combineBytes =
          dispatchBytes
              * model.activationPrecision().bytesPerElement()
              / dispatchPrecision.bytesPerElement()
              * attention.size()
              / ffn.size();
      seconds[group][1] = pricer.exchangeSeconds(ffn, attention, combineBytes, attention.size());
    }
    return seconds;
  }

  /**
   * Composes a step from stage prices at the micro-batch shape.
   *
   * @param attention mixer-side price of one micro-batch on one attention rank
   * @param ffn FFN-side price of one micro-batch's tokens
   * @param transfers per layer group, A→F and F→A seconds of one micro-batch
   * @param microBatches micro-batches in flight
   * @param routerOnAttention whether the router runs with attention (else with the FFN)
   * @return the step and each stage's busy time
   */
  public static Step step(
      PricedStep attention,
      PricedStep ffn,
      double[][] transfers,
      int microBatches,
      boolean routerOnAttention) {
    return step(attention, ffn, transfers, microBatches, routerOnAttention, null);
  }

  /**
   * Composes a step from stage prices at the micro-batch shape, with afd's pipeline or, given a
   * {@code cycle} rule (the built-ins' AIConfigurator convention), a step of {@code M·L} cycles
   * plus the fill less one cycle (the last layer group's).
   *
   * @param attention mixer-side price of one micro-batch on one attention rank
   * @param ffn FFN-side price of one micro-batch's tokens
   * @param transfers per layer group, A→F and F→A seconds of one micro-batch
   * @param microBatches micro-batches in flight
   * @param routerOnAttention whether the router runs with attention (else with the FFN)
   * @param cycle a per-layer cycle rule, or null for afd's period
   * @return the step and each stage's busy time
   */
  public static Step step(
      PricedStep attention,
      PricedStep ffn,
      double[][] transfers,
      int microBatches,
      boolean routerOnAttention,
      @Nullable Cycle cycle) {
    double total = 0;
    double attentionBusy = 0;
    double dispatchBusy = 0;
    double ffnBusy = 0;
    double combineBusy = 0;
    double drain = 0;
    for (int group = 0; group < attention.groups(); group++) {
      double router = ffn.router(group);
      double a =
          attention.compute(group)
              + attention.communication(group)
              + (routerOnAttention ? router : 0);
      // The A→F and F→A transfers replace the expert-parallel dispatch and combine.
      double f =
          ffn.compute(group)
              + ffn.communication(group)
              - ffn.expertCommunication(group)
              - (routerOnAttention ? router : 0);
      double c1 = transfers[group][0];
      double c2 = transfers[group][1];
      double sum = a + c1 + f + c2;
      int layers = attention.layers(group);
      if (cycle != null) {
        double cycleSeconds = cycle.seconds(a, c1, f, c2, microBatches);
        total += layers * microBatches * cycleSeconds;
        drain = sum - cycleSeconds;
      } else {
        double slowest = Math.max(Math.max(a, f), Math.max(c1, c2));
        total += layers * Math.max(microBatches * slowest, sum);
        drain = microBatches > 1 ? sum - slowest : 0;
      }
      attentionBusy += layers * microBatches * a;
      dispatchBusy += layers * microBatches * c1;
      ffnBusy += layers * microBatches * f;
      combineBusy += layers * microBatches * c2;
    }
    double edges = microBatches * attention.edges();
    attentionBusy += edges;
    return new Step(total + drain + edges, attentionBusy, dispatchBusy, ffnBusy, combineBusy);
  }
}

package dev.afd.plugin.strategies.common;

import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.Map;

/**
 * The attention-FFN pipeline of one step (docs/strategies.md): per layer and micro-batch, attention
 * {@code a}, attention→FFN transfer {@code c1}, FFN {@code f}, FFN→attention transfer {@code c2}.
 * With {@code M} micro-batches in flight, a micro-batch starts layer {@code l+1} attention only
 * after its own F→A of layer {@code l} returns, so the per-layer period is {@code P = max(M·a,
 * M·c1, M·f, M·c2, a + c1 + f + c2)} and a step takes {@code Σ_layers P} plus, for {@code M > 1},
 * the drain of the last micro-batch through the stages after the bottleneck ({@code sum − max
 * stage}). With {@code M = 1} the step is exactly the serial sum of the stages.
 */
public final class AfdPipeline {
  private AfdPipeline() {}

  /** The pipeline's step time and the busy time of each stage. */
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
   * Prices the A→F and F→A transfers of one layer of each layer group.
   *
   * @param model the model
   * @param pricer prices exchanges on the network model
   * @param attention the attention devices
   * @param ffn the FFN devices
   * @param tokensPerRank tokens of one micro-batch on one attention data-parallel rank
   * @param attentionTensorParallel attention TP (each TP rank sends its share of the tokens)
   * @param moeTensorParallel MoE TP of the FFN group
   * @param expertParallel EP of the FFN group
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
      int moeTensorParallel,
      int expertParallel,
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
        hasFeedForward |= block.role() == dev.afd.api.model.BlockRole.FEED_FORWARD;
      }
      if (!hasFeedForward) {
        continue;
      }
      double reached =
          Math.min(
              ffn.size(),
              Math.max(
                  1, Parallelism.devicesReachedPerToken(moe, moeTensorParallel, expertParallel)));
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
   */
  public static Step step(
      PricedStep attention,
      PricedStep ffn,
      double[][] transfers,
      int microBatches,
      boolean routerOnAttention) {
    return step(attention, ffn, transfers, microBatches, routerOnAttention, false);
  }

  /**
   * Composes a step from stage prices at the micro-batch shape, with afd's pipeline or, when {@code
   * aicPipeline}, AIConfigurator's ({@link AicRules#AFD_PIPELINE}): per layer the cycle {@link
   * AicRules#afdCycleSeconds}, and a step of {@code M·L} cycles plus the fill less one cycle (the
   * last layer group's).
   *
   * @param attention mixer-side price of one micro-batch on one attention rank
   * @param ffn FFN-side price of one micro-batch's tokens
   * @param transfers per layer group, A→F and F→A seconds of one micro-batch
   * @param microBatches micro-batches in flight
   * @param routerOnAttention whether the router runs with attention (else with the FFN)
   * @param aicPipeline whether to follow AIConfigurator's pipeline rule
   */
  public static Step step(
      PricedStep attention,
      PricedStep ffn,
      double[][] transfers,
      int microBatches,
      boolean routerOnAttention,
      boolean aicPipeline) {
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
      if (aicPipeline) {
        double cycle = AicRules.afdCycleSeconds(a, c1, f, c2, microBatches);
        total += layers * microBatches * cycle;
        drain = sum - cycle;
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

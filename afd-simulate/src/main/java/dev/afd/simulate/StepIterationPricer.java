package dev.afd.simulate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.StepDescription;
import dev.afd.engine.estimate.OperatorBreakdown;
import dev.afd.engine.estimate.OperatorRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices an iteration exactly as the strategies price a step: the rank's mixer side (attention,
 * router, edges) at the iteration's shape, plus the feed-forward side at the tokens of every rank
 * of the data-parallel group, each operator through the kernel cost model and each collective
 * through the measured collective kernels or the network model ({@link OperatorBreakdown}, which
 * {@code afd estimate} shows and which re-emits the blocks the way the strategies' step pricer
 * does). Decoding sequences form one batch at their mean context with one new token each; the
 * prefill chunks form one or two batches at their mean cached context with the chunk tokens spread
 * as evenly as whole tokens allow.
 *
 * <p>Slow (every operator, every call): wrap it in a {@link BucketedIterationPricer}.
 */
public final class StepIterationPricer implements IterationPricer {
  private final MoeModelSpec model;
  private final ClusterSpec cluster;
  private final KernelCostModel costModel;
  private final NetworkModel network;
  private final Sharding sharding;
  private final int systemIndex;

  /**
   * Prices iterations of one rank.
   *
   * @param model the model as served (the recipe's formats)
   * @param cluster the cluster
   * @param costModel the kernel cost model
   * @param network the network model
   * @param sharding the rank's sharding; its attention data-parallel degree sizes the FFN's tokens
   * @param systemIndex the system of the cluster the rank runs on
   */
  public StepIterationPricer(
      MoeModelSpec model,
      ClusterSpec cluster,
      KernelCostModel costModel,
      NetworkModel network,
      Sharding sharding,
      int systemIndex) {
    this.model = model;
    this.cluster = cluster;
    this.costModel = costModel;
    this.network = network;
    this.sharding = sharding;
    this.systemIndex = systemIndex;
  }

  /** {@return the rank's step shape for an iteration} */
  static StepShape shape(
      int decodeSequences,
      long decodeContextTokens,
      int prefillSequences,
      long prefillTokens,
      long cachedContextTokens) {
    List<SequenceBatch> batches = new ArrayList<>(3);
    if (decodeSequences > 0) {
      batches.add(new SequenceBatch(decodeSequences, decodeContextTokens, 1));
    }
    if (prefillSequences > 0) {
      long each = prefillTokens / prefillSequences;
      long longer = prefillTokens % prefillSequences;
      if (prefillSequences > longer && each > 0) {
        batches.add(new SequenceBatch(prefillSequences - longer, cachedContextTokens, each));
      }
      if (longer > 0) {
        batches.add(new SequenceBatch(longer, cachedContextTokens, each + 1));
      }
    }
    return new StepShape(batches);
  }

  @Override
  public double iterationSeconds(
      int decodes, long decodeContext, int prompts, long prefillTokens, long cachedContext) {
    StepShape rank = shape(decodes, decodeContext, prompts, prefillTokens, cachedContext);
    StepShape group = StepShape.decode(rank.tokens() * sharding.attentionDataParallel(), 0);
    List<OperatorRow> rows =
        OperatorBreakdown.of(
            model,
            cluster,
            costModel,
            network,
            List.of(
                new StepDescription("iteration", false, rank, sharding, systemIndex, 1),
                new StepDescription("iteration", true, group, sharding, systemIndex, 1)));
    double seconds = 0;
    for (OperatorRow row : rows) {
      seconds += row.totalSeconds();
    }
    return seconds;
  }
}

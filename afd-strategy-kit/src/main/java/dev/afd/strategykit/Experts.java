package dev.afd.strategykit;

import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import org.jspecify.annotations.Nullable;

/**
 * What a strategy needs to know about a model's routed experts to lay out and feed an FFN group.
 *
 * <p>Called by strategies while they enumerate layouts and price attention→FFN transfers.
 * Stateless; thread-safe.
 *
 * @since 0.2
 */
public final class Experts {
  private Experts() {}

  /**
   * {@return the routed expert count of the model's first MoE block, 0 for a dense model}
   *
   * @param model the model
   */
  public static int expertCount(MoeModelSpec model) {
    MoeFfnBlock moe = firstMoe(model);
    return moe == null ? 0 : moe.expertCount();
  }

  /**
   * {@return the model's first MoE block, or null for a dense model}
   *
   * @param model the model
   */
  public static @Nullable MoeFfnBlock firstMoe(MoeModelSpec model) {
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        if (block instanceof MoeFfnBlock moe) {
          return moe;
        }
      }
    }
    return null;
  }

  /**
   * {@return the expected distinct devices of an FFN group (MoE TP × EP) one token reaches: {@code
   * moeTp · ep · (1 − C(E − E/ep, k) / C(E, k))} (docs/strategies.md); {@code moeTp} for dense
   * FFNs}
   *
   * <p>Experts are assumed to be chosen uniformly, so a device holding {@code E/ep} of them is
   * missed by all {@code k} choices of a token with the hypergeometric probability above.
   *
   * @param moe the MoE block, null for a dense FFN
   * @param moeTensorParallel MoE tensor parallelism
   * @param ep expert parallelism
   */
  public static double devicesReachedPerToken(
      @Nullable MoeFfnBlock moe, int moeTensorParallel, int ep) {
    if (moe == null || ep <= 1) {
      return moeTensorParallel;
    }
    int experts = moe.expertCount();
    int topK = moe.topK();
    double expertsPerDevice = experts / (double) ep;
    // C(E − e, k) / C(E, k) = Π_{i<k} (E − e − i) / (E − i)
    double miss = 1;
    for (int index = 0; index < topK; index++) {
      double numerator = experts - expertsPerDevice - index;
      miss *= numerator <= 0 ? 0 : numerator / (experts - index);
    }
    return moeTensorParallel * ep * (1 - miss);
  }
}

package dev.afd.strategykit;

import dev.afd.api.model.BlockRole;

/**
 * Which blocks a pricing covers: under attention-FFN disaggregation the two sides run on different
 * devices, so {@link StepPricer} prices them separately.
 *
 * @since 0.2
 */
public enum Side {
  /** Mixer blocks (attention, MLA, DSA, Mamba2) and edge blocks (embedding, LM head). */
  MIXER,
  /** Feed-forward blocks (dense FFN, MoE). */
  FEED_FORWARD;

  boolean covers(BlockRole role) {
    return this == FEED_FORWARD ? role == BlockRole.FEED_FORWARD : role != BlockRole.FEED_FORWARD;
  }
}

package dev.afd.plugin.strategies.common;

import dev.afd.api.model.BlockRole;

/** Which blocks a pricing covers. */
public enum Side {
  /** Mixer blocks (attention, MLA, DSA, Mamba2) and edge blocks (embedding, LM head). */
  MIXER,
  /** Feed-forward blocks (dense FFN, MoE). */
  FEED_FORWARD;

  boolean covers(BlockRole role) {
    return this == FEED_FORWARD ? role == BlockRole.FEED_FORWARD : role != BlockRole.FEED_FORWARD;
  }
}

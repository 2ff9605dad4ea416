package dev.afd.api.network;

import java.util.Locale;

/**
 * A collective communication pattern.
 *
 * @since 0.1
 */
public enum CollectiveKind {
  /** Every device ends with the sum of all buffers. */
  ALL_REDUCE,
  /** Every device ends with every device's shard. */
  ALL_GATHER,
  /** Every device ends with its shard of the sum. */
  REDUCE_SCATTER,
  /** Every device sends a distinct slice to every other device. */
  ALL_TO_ALL;

  /** {@return the kebab-case id, for example "all-to-all"} */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses an id such as {@code "all-reduce"}.
   *
   * @param text the id
   * @return the kind
   * @throws dev.afd.api.AfdConfigurationException for an unknown kind, listing the known ones
   */
  public static CollectiveKind parse(String text) {
    for (CollectiveKind kind : values()) {
      if (kind.id().equals(text)) {
        return kind;
      }
    }
    throw new dev.afd.api.AfdConfigurationException(
        "Unknown collective '"
            + text
            + "'. Known collectives: [all-gather, all-reduce, all-to-all, reduce-scatter]");
  }
}

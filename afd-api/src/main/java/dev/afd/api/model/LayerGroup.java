package dev.afd.api.model;

import java.util.List;

/**
 * {@code count} consecutive-or-not layers that share the same blocks, so a step is priced once per
 * group rather than once per layer.
 *
 * @param name a short name, for example {@code "dense"} or {@code "moe"}
 * @param count layers in the group, {@code >= 1}
 * @param blocks the blocks of one layer, in execution order
 * @since 0.1
 */
public record LayerGroup(String name, int count, List<Block> blocks) {

  /**
   * Validates the group.
   *
   * @param name name
   * @param count count
   * @param blocks blocks
   */
  public LayerGroup {
    java.util.Objects.requireNonNull(name, "name");
    blocks = List.copyOf(blocks);
    if (count < 1) {
      throw new IllegalArgumentException(
          "layer group '" + name + "' count must be >= 1, got '" + count + "'");
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("layer group '" + name + "' has no blocks");
    }
  }
}

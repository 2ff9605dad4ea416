package dev.afd.api.model;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import dev.afd.api.unit.Precision;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A (usually Mixture-of-Experts) language model as a stack of operator-emitting blocks.
 *
 * <p>Immutable. Parameter and KV accounting sum over the blocks; MTP (next-token prediction) layers
 * are kept apart: their weights are in the checkpoint but not in {@link #totalParameters()}, which
 * follows the publishers' model cards.
 *
 * @param id stable kebab-case id, for example {@code "deepseek-v3"}
 * @param name display name
 * @param source where the architecture comes from (Hugging Face id, model card URL)
 * @param hiddenSize model hidden size
 * @param maxContextTokens longest supported context
 * @param activationPrecision activation format at inference
 * @param edges embedding, final norm and LM head
 * @param layers the decoder layers, grouped by identical blocks
 * @param nextTokenPredictionLayers MTP layers, counted apart, not run unless a strategy asks
 * @since 0.1
 */
public record MoeModelSpec(
    String id,
    String name,
    String source,
    int hiddenSize,
    long maxContextTokens,
    Precision activationPrecision,
    List<Block> edges,
    List<LayerGroup> layers,
    List<LayerGroup> nextTokenPredictionLayers) {

  /**
   * Validates the model.
   *
   * @param id id
   * @param name name
   * @param source source
   * @param hiddenSize hidden size
   * @param maxContextTokens max context
   * @param activationPrecision activation precision
   * @param edges edge blocks
   * @param layers layers
   * @param nextTokenPredictionLayers MTP layers
   */
  public MoeModelSpec {
    Checks.id(id, "model id");
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(activationPrecision, "activationPrecision");
    edges = List.copyOf(edges);
    layers = List.copyOf(layers);
    nextTokenPredictionLayers = List.copyOf(nextTokenPredictionLayers);
    Checks.positive(hiddenSize, "hiddenSize");
    Checks.positive(maxContextTokens, "maxContextTokens");
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("model '" + id + "' has no layers");
    }
    // Sizes within the importer's limits can multiply past a long (1024 layers of 65536 experts
    // of 3 x 2^20 x 2^20 weights): refuse such a model rather than report wrapped counts.
    try {
      count(edges, layers, Block::parameterCount);
      count(List.of(), nextTokenPredictionLayers, Block::parameterCount);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "model '"
              + id
              + "' has more than "
              + Long.MAX_VALUE
              + " parameters (2^63 - 1, the most afd counts); check its layer count, expert"
              + " count and widths");
    }
  }

  /** {@return the sum of {@code count} over the edge blocks and the layers, overflow checked} */
  private static long count(
      List<Block> edges, List<LayerGroup> groups, ToLongFunction<Block> count) {
    long total = 0;
    for (Block block : edges) {
      total = Math.addExact(total, count.applyAsLong(block));
    }
    for (LayerGroup group : groups) {
      for (Block block : group.blocks()) {
        total = Math.addExact(total, Math.multiplyExact(group.count(), count.applyAsLong(block)));
      }
    }
    return total;
  }

  /** {@return decoder layers, MTP excluded} */
  public int layerCount() {
    int count = 0;
    for (LayerGroup group : layers) {
      count += group.count();
    }
    return count;
  }

  /** {@return all parameters, MTP layers excluded} */
  public long totalParameters() {
    return count(edges, layers, Block::parameterCount);
  }

  /** {@return parameters of the MTP layers} */
  public long nextTokenPredictionParameters() {
    return count(List.of(), nextTokenPredictionLayers, Block::parameterCount);
  }

  /** {@return parameters one token uses, MTP layers excluded} */
  public long activeParameters() {
    return count(edges, layers, Block::activeParameterCount);
  }

  /** {@return KV-cache bytes one token adds over all layers, unsharded} */
  public double kvBytesPerToken() {
    double total = 0;
    for (LayerGroup group : layers) {
      for (Block block : group.blocks()) {
        total += group.count() * block.kvBytesPerToken();
      }
    }
    return total;
  }

  /**
   * {@return KV-cache bytes one token adds on one device under {@code sharding}, all layers}
   *
   * @param sharding the sharding
   */
  public double kvBytesPerTokenPerDevice(Sharding sharding) {
    double total = 0;
    for (LayerGroup group : layers) {
      for (Block block : group.blocks()) {
        total += group.count() * block.kvBytesPerTokenPerDevice(sharding);
      }
    }
    return total;
  }

  /**
   * {@return fixed per-sequence state bytes on one device (Mamba2), all layers}
   *
   * @param sharding the sharding
   */
  public double stateBytesPerSequencePerDevice(Sharding sharding) {
    double total = 0;
    for (LayerGroup group : layers) {
      for (Block block : group.blocks()) {
        total += group.count() * block.stateBytesPerSequencePerDevice(sharding);
      }
    }
    return total;
  }

  /**
   * {@return weight bytes one device holds for blocks of {@code role}, all layers}
   *
   * @param sharding the sharding
   * @param role which blocks to count
   */
  public double weightBytesPerDevice(Sharding sharding, BlockRole role) {
    double total = 0;
    for (Block block : edges) {
      if (block.role() == role) {
        total += block.weightBytesPerDevice(sharding);
      }
    }
    for (LayerGroup group : layers) {
      for (Block block : group.blocks()) {
        if (block.role() == role) {
          total += group.count() * block.weightBytesPerDevice(sharding);
        }
      }
    }
    return total;
  }

  /**
   * {@return weight bytes one device holds for every block, all layers}
   *
   * @param sharding the sharding
   */
  public double weightBytesPerDevice(Sharding sharding) {
    double total = 0;
    for (BlockRole role : BlockRole.values()) {
      total += weightBytesPerDevice(sharding, role);
    }
    return total;
  }

  /**
   * {@return the first reason a block cannot be split as {@code sharding} says ({@link
   * Block#shardingProblem}), empty when every block can}
   *
   * @param sharding the sharding
   * @since 0.1
   */
  public Optional<String> shardingProblem(Sharding sharding) {
    for (Block block : edges) {
      Optional<String> problem = block.shardingProblem(sharding);
      if (problem.isPresent()) {
        return problem;
      }
    }
    for (LayerGroup group : layers) {
      for (Block block : group.blocks()) {
        Optional<String> problem = block.shardingProblem(sharding);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }
}

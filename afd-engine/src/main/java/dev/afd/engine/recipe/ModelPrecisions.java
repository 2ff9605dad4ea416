package dev.afd.engine.recipe;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.DenseFfnBlock;
import dev.afd.api.model.block.DsaAttentionBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a model with other weight and cache precisions, as a deployment quantizes a checkpoint:
 * one format for the attention projections, one for dense FFNs and shared experts, one for the
 * routed experts, and optionally the KV cache's. Embedding, LM head and router keep the catalog's
 * formats (quantization recipes such as NVIDIA ModelOpt FP8/NVFP4 leave them in BF16).
 */
public final class ModelPrecisions {
  private ModelPrecisions() {}

  /**
   * {@return the model with its linear layers in {@code gemm} and its routed experts in {@code
   * moe}}
   *
   * @param model the catalog model
   * @param gemm weight format of attention projections, dense FFNs and shared experts
   * @param moe weight format of routed experts
   */
  public static MoeModelSpec override(MoeModelSpec model, Precision gemm, Precision moe) {
    return override(model, new Formats(gemm, gemm, moe, null));
  }

  /**
   * The formats a deployment runs.
   *
   * @param attention weight format of the attention projections
   * @param dense weight format of dense FFNs and shared experts
   * @param experts weight format of routed experts
   * @param kvCache KV-cache format, or null to keep the catalog's
   */
  public record Formats(
      Precision attention, Precision dense, Precision experts, @Nullable Precision kvCache) {
    /** Checks arguments. */
    public Formats {
      requireNonNull(attention, "attention");
      requireNonNull(dense, "dense");
      requireNonNull(experts, "experts");
    }
  }

  /** {@return the model with the given formats} */
  public static MoeModelSpec override(MoeModelSpec model, Formats formats) {
    requireNonNull(model, "model");
    requireNonNull(formats, "formats");
    return new MoeModelSpec(
        model.id(),
        model.name(),
        model.source(),
        model.hiddenSize(),
        model.maxContextTokens(),
        model.activationPrecision(),
        model.edges(),
        groups(model.layers(), formats),
        groups(model.nextTokenPredictionLayers(), formats));
  }

  private static List<LayerGroup> groups(List<LayerGroup> groups, Formats formats) {
    List<LayerGroup> result = new ArrayList<>(groups.size());
    for (LayerGroup group : groups) {
      List<Block> blocks = new ArrayList<>(group.blocks().size());
      for (Block block : group.blocks()) {
        blocks.add(block(block, formats));
      }
      result.add(new LayerGroup(group.name(), group.count(), blocks));
    }
    return result;
  }

  static Block block(Block block, Formats formats) {
    Precision gemm = formats.attention();
    if (block instanceof MlaAttentionBlock mla) {
      return mla(mla, formats);
    }
    if (block instanceof DsaAttentionBlock dsa) {
      return new DsaAttentionBlock(
          mla(dsa.attention(), formats),
          dsa.indexerHeads(),
          dsa.indexerHeadDim(),
          dsa.indexerTopK(),
          dsa.indexerKeyPrecision());
    }
    if (block instanceof GqaAttentionBlock gqa) {
      return new GqaAttentionBlock(
          gqa.hiddenSize(),
          gqa.heads(),
          gqa.kvHeads(),
          gqa.headDim(),
          gqa.slidingWindow(),
          gqa.attentionSinks(),
          gqa.queryKeyNorm(),
          gqa.bias(),
          gemm,
          kv(gqa.kvCachePrecision(), formats),
          gqa.activationPrecision());
    }
    if (block instanceof DenseFfnBlock dense) {
      return new DenseFfnBlock(
          dense.hiddenSize(),
          dense.intermediateSize(),
          dense.gated(),
          formats.dense(),
          dense.activationPrecision());
    }
    if (block instanceof MoeFfnBlock ffn) {
      return new MoeFfnBlock(
          ffn.hiddenSize(),
          ffn.expertCount(),
          ffn.topK(),
          ffn.expertIntermediateSize(),
          ffn.sharedExpertCount(),
          ffn.sharedExpertIntermediateSize(),
          ffn.gated(),
          ffn.latentSize(),
          ffn.routerBias(),
          formats.experts(),
          formats.dense(),
          ffn.activationPrecision(),
          ffn.dispatchPrecision());
    }
    return block;
  }

  private static Precision kv(Precision catalog, Formats formats) {
    return formats.kvCache() == null ? catalog : formats.kvCache();
  }

  private static MlaAttentionBlock mla(MlaAttentionBlock mla, Formats formats) {
    return new MlaAttentionBlock(
        mla.hiddenSize(),
        mla.heads(),
        mla.queryLoraRank(),
        mla.kvLoraRank(),
        mla.qkNopeHeadDim(),
        mla.qkRopeHeadDim(),
        mla.valueHeadDim(),
        formats.attention(),
        kv(mla.kvCachePrecision(), formats),
        mla.activationPrecision());
  }
}

package dev.afd.engine.validate;

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

/**
 * Rebuilds a model with other weight precisions, as a deployment quantizes a checkpoint: {@code
 * gemm} for the attention projections, dense FFNs and shared experts, {@code moe} for the routed
 * experts. Embedding, LM head, router and KV cache keep the catalog's formats (quantization recipes
 * such as NVIDIA ModelOpt FP8/NVFP4 leave them in BF16).
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
    requireNonNull(model, "model");
    requireNonNull(gemm, "gemm");
    requireNonNull(moe, "moe");
    return new MoeModelSpec(
        model.id(),
        model.name(),
        model.source(),
        model.hiddenSize(),
        model.maxContextTokens(),
        model.activationPrecision(),
        model.edges(),
        groups(model.layers(), gemm, moe),
        groups(model.nextTokenPredictionLayers(), gemm, moe));
  }

  private static List<LayerGroup> groups(List<LayerGroup> groups, Precision gemm, Precision moe) {
    List<LayerGroup> result = new ArrayList<>(groups.size());
    for (LayerGroup group : groups) {
      List<Block> blocks = new ArrayList<>(group.blocks().size());
      for (Block block : group.blocks()) {
        blocks.add(block(block, gemm, moe));
      }
      result.add(new LayerGroup(group.name(), group.count(), blocks));
    }
    return result;
  }

  static Block block(Block block, Precision gemm, Precision moe) {
    if (block instanceof MlaAttentionBlock mla) {
      return mla(mla, gemm);
    }
    if (block instanceof DsaAttentionBlock dsa) {
      return new DsaAttentionBlock(
          mla(dsa.attention(), gemm),
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
          gqa.kvCachePrecision(),
          gqa.activationPrecision());
    }
    if (block instanceof DenseFfnBlock dense) {
      return new DenseFfnBlock(
          dense.hiddenSize(),
          dense.intermediateSize(),
          dense.gated(),
          gemm,
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
          moe,
          gemm,
          ffn.activationPrecision(),
          ffn.dispatchPrecision());
    }
    return block;
  }

  private static MlaAttentionBlock mla(MlaAttentionBlock mla, Precision gemm) {
    return new MlaAttentionBlock(
        mla.hiddenSize(),
        mla.heads(),
        mla.queryLoraRank(),
        mla.kvLoraRank(),
        mla.qkNopeHeadDim(),
        mla.qkRopeHeadDim(),
        mla.valueHeadDim(),
        gemm,
        mla.kvCachePrecision(),
        mla.activationPrecision());
  }
}

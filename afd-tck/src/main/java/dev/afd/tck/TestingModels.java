package dev.afd.tck;

import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.EmbeddingBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.LmHeadBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import java.util.List;

/**
 * Small models whose costs can be derived by hand.
 *
 * @since 0.1
 */
public final class TestingModels {
  private TestingModels() {}

  /**
   * {@return "tiny-moe": 2 layers, hidden 1024, GQA with 8 heads of 128 (8 KV heads), 8 gated
   * experts of intermediate 512 with top-2, vocabulary 32000, BF16 everywhere}
   */
  public static MoeModelSpec tinyMoe() {
    Precision bf16 = Precision.BF16;
    Block attention =
        new GqaAttentionBlock(1024, 8, 8, 128, 0, false, false, false, bf16, bf16, bf16);
    Block moe = new MoeFfnBlock(1024, 8, 2, 512, 0, 0, true, 0, false, bf16, bf16, bf16, bf16);
    return new MoeModelSpec(
        "tiny-moe",
        "Tiny MoE",
        "afd-tck test fixture",
        1024,
        1 << 20,
        bf16,
        List.of(
            new EmbeddingBlock(32000, 1024, bf16, bf16, false),
            new LmHeadBlock(32000, 1024, false, bf16, bf16, false)),
        List.of(new LayerGroup("moe", 2, List.of(attention, moe))),
        List.of());
  }
}

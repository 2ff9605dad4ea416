package dev.afd.tck;

import com.google.auto.service.AutoService;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import dev.afd.spi.ModelProvider;
import java.util.List;

/** A model provider whose only model mixes tokens with a custom block type. */
@AutoService(ModelProvider.class)
public final class TestingCustomBlockModelProvider implements ModelProvider {
  private static final List<MoeModelSpec> MODELS = List.of(gatedMoe());

  @Override
  public String id() {
    return "testing-custom-block";
  }

  @Override
  public List<MoeModelSpec> models() {
    return MODELS;
  }

  private static MoeModelSpec gatedMoe() {
    Precision bf16 = Precision.BF16;
    Block mixer = new TestingGatedMixerBlock(1024, 4096);
    Block moe = new MoeFfnBlock(1024, 8, 2, 512, 0, 0, true, 0, false, bf16, bf16, bf16, bf16);
    MoeModelSpec tiny = TestingModels.tinyMoe();
    return new MoeModelSpec(
        "testing-gated-moe",
        "Testing gated MoE",
        "afd-tck self-test fixture",
        1024,
        1 << 20,
        bf16,
        tiny.edges(),
        List.of(new LayerGroup("gated", 2, List.of(mixer, moe))),
        List.of());
  }
}

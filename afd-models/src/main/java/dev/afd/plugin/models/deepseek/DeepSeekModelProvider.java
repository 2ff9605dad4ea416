package dev.afd.plugin.models.deepseek;

import static dev.afd.plugin.models.internal.Catalog.derived;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.plugin.models.internal.DeepSeekV3Configs;
import dev.afd.spi.ModelProvider;
import java.util.List;

/**
 * DeepSeek-V3, DeepSeek-R1 (same architecture) and DeepSeek-V3.2 (adds DeepSeek sparse attention),
 * in the FP8 block format DeepSeek publishes.
 *
 * @since 0.1
 */
@AutoService(ModelProvider.class)
public final class DeepSeekModelProvider implements ModelProvider {

  /** Creates the provider. */
  public DeepSeekModelProvider() {}

  @Override
  public String id() {
    return "deepseek";
  }

  @Override
  public String description() {
    return "DeepSeek-V3, DeepSeek-R1 and DeepSeek-V3.2 (MLA, DSA, 256-expert MoE)";
  }

  @Override
  public List<MoeModelSpec> models() {
    return List.of(
        v3("deepseek-v3", "DeepSeek-V3", "deepseek-ai/DeepSeek-V3"),
        v3("deepseek-r1", "DeepSeek-R1", "deepseek-ai/DeepSeek-R1"),
        v32());
  }

  /** deepseek-ai/DeepSeek-V3 and deepseek-ai/DeepSeek-R1 config.json (identical architecture). */
  private static MoeModelSpec v3(String id, String name, String huggingFaceId) {
    return derived(id, name, huggingFaceId, DeepSeekV3Configs.V3);
  }

  /** deepseek-ai/DeepSeek-V3.2 config.json: V3 plus the lightning indexer. */
  private static MoeModelSpec v32() {
    return derived(
        "deepseek-v3.2", "DeepSeek-V3.2", "deepseek-ai/DeepSeek-V3.2", DeepSeekV3Configs.V3_2);
  }
}

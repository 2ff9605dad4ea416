package dev.afd.plugin.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.spi.ModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every catalog entry's total and active parameters against the publisher's model card.
 *
 * <p>Tolerance is 1 % unless the row says otherwise; a wider tolerance is used only where the
 * card's headline figure is rounded or truncated more coarsely than 1 % and no counting convention
 * reaches it, and the row's comment gives the exact deviation. Totals exclude MTP layers.
 */
class CatalogParameterCountTest {

  static Map<String, MoeModelSpec> catalog() {
    Map<String, MoeModelSpec> models = new TreeMap<>();
    for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
      for (MoeModelSpec model : provider.models()) {
        assertThat(models.put(model.id(), model)).as("duplicate id %s", model.id()).isNull();
      }
    }
    return models;
  }

  @Test
  void catalogHasTheExpectedIds() {
    assertThat(catalog().keySet())
        .containsExactlyInAnyOrder(
            "deepseek-v3",
            "deepseek-r1",
            "deepseek-v3.2",
            "kimi-k2",
            "qwen3-235b-a22b",
            "qwen3-30b-a3b",
            "qwen3-coder-480b-a35b",
            "gpt-oss-120b",
            "gpt-oss-20b",
            "mixtral-8x7b",
            "mixtral-8x22b",
            "llama-4-maverick",
            "llama-4-scout",
            "glm-5",
            "minimax-m2.5",
            "nemotron-3-super-120b-a12b",
            "step-3.7-flash",
            "qwen3-32b",
            "llama-3.1-70b",
            "llama-3.1-8b");
  }

  @ParameterizedTest(name = "{0}: {1}B total, {3}B active")
  @CsvSource({
    // DeepSeek-V3 model card (huggingface.co/deepseek-ai/DeepSeek-V3): 671B main model (+14B MTP),
    // 37B activated. Active with the LM head and without the embedding gather is 36.626B (−1.01 %);
    // counting the embedding too gives 37.55B (+1.5 %): the card's "37B" is rounded.
    "deepseek-v3, 671, 0.01, 37, 0.011",
    // DeepSeek-R1 model card: 671B total, 37B activated (same architecture as V3).
    "deepseek-r1, 671, 0.01, 37, 0.011",
    // DeepSeek-V3.2 model card / tech report: V3.1-Terminus architecture plus DSA, 671B / 37B;
    // the lightning indexer adds 0.85B, so active is 37.48B (+1.3 %).
    "deepseek-v3.2, 671, 0.01, 37, 0.015",
    // Kimi-K2 tech report (arXiv 2507.20534): 1.04T total, 32B activated; the HF card says 1T.
    // The config's exact count is 1.0264T (−1.3 % of 1.04T, +2.6 % of 1T).
    "kimi-k2, 1040, 0.015, 32, 0.01",
    // Qwen3-235B-A22B model card: 235B total, 22B activated.
    "qwen3-235b-a22b, 235, 0.01, 22, 0.01",
    // Qwen3-30B-A3B model card: 30.5B total, 3.3B activated (exact: 3.353B, Qwen truncates: +1.6
    // %).
    "qwen3-30b-a3b, 30.5, 0.01, 3.3, 0.02",
    // Qwen3-Coder-480B-A35B-Instruct model card: 480B total, 35B activated (exact 35.47B: +1.4 %).
    "qwen3-coder-480b-a35b, 480, 0.01, 35, 0.015",
    // gpt-oss model card (OpenAI, Aug 2025), Table 1: 116.83B total, 5.13B active.
    "gpt-oss-120b, 116.83, 0.01, 5.13, 0.01",
    // gpt-oss model card, Table 1: 20.91B total, 3.61B active.
    "gpt-oss-20b, 20.91, 0.01, 3.61, 0.01",
    // Mixtral of Experts (arXiv 2401.04088) / Mistral: 46.7B total, 12.9B active.
    "mixtral-8x7b, 46.7, 0.01, 12.9, 0.01",
    // Mixtral-8x22B announcement (Mistral, Apr 2024): 141B total, 39B active.
    "mixtral-8x22b, 141, 0.01, 39, 0.01",
    // Llama 4 model card (Meta): Maverick 400B total, 17B active; exact active 17.18B (+1.1 %),
    // 16.15B without the embedding: Meta's "17B" is rounded.
    "llama-4-maverick, 400, 0.01, 17, 0.015",
    // Llama 4 model card: Scout 109B total, 17B active. The card counts the vision encoder, which
    // the text config does not describe: the text stack is 107.77B (−1.1 %); active 17.17B (+1.0
    // %).
    "llama-4-scout, 109, 0.012, 17, 0.015",
    // GLM-5 tech report (arXiv 2602.15763), Table: 744B total, 40B activated.
    "glm-5, 744, 0.01, 40, 0.01",
    // MiniMax-M2.5 (MiniMax tech report): 229.9B total, 9.8B activated.
    "minimax-m2.5, 229.9, 0.01, 9.8, 0.01",
    // Nemotron-3-Super model card (huggingface.co/nvidia): 120B total, 12B active; exact active
    // with the LM head is 12.23B (+1.9 %), NVIDIA's "A12B" is rounded down.
    "nemotron-3-super-120b-a12b, 120, 0.01, 12, 0.02",
    // Step-3.7-Flash (StepFun / vLLM recipe): 196B language backbone (+1.8B vision encoder),
    // ~11B active; exact active 10.86B (−1.2 %).
    "step-3.7-flash, 196, 0.01, 11, 0.015",
    // Qwen3-32B model card: 32.8B parameters.
    "qwen3-32b, 32.8, 0.01, 32.8, 0.01",
    // Llama 3.1 model card: 70B (70.6B in the HF safetensors metadata).
    "llama-3.1-70b, 70.6, 0.01, 70.6, 0.01",
    // Llama 3.1 model card: 8B (8.03B in the HF safetensors metadata).
    "llama-3.1-8b, 8.03, 0.01, 8.03, 0.01"
  })
  void parametersMatchTheModelCard(
      String id,
      double totalBillions,
      double totalTolerance,
      double activeBillions,
      double activeTolerance) {
    MoeModelSpec model = catalog().get(id);
    assertThat(model).as(id).isNotNull();
    assertThat(model.totalParameters() / 1e9)
        .as("%s total parameters (billions)", id)
        .isCloseTo(totalBillions, within(totalBillions * totalTolerance));
    assertThat(model.activeParameters() / 1e9)
        .as("%s active parameters (billions)", id)
        .isCloseTo(activeBillions, within(activeBillions * activeTolerance));
  }

  @Test
  void kvBytesPerToken() {
    Map<String, MoeModelSpec> catalog = catalog();
    // DeepSeek-V3: 61 layers × 576 latent elements × 2 bytes (BF16 KV cache)
    assertThat(catalog.get("deepseek-v3").kvBytesPerToken()).isEqualTo(61.0 * 576 * 2);
    // Qwen3-235B-A22B: 94 layers × 2 (K, V) × 4 KV heads × 128 × 2 bytes
    assertThat(catalog.get("qwen3-235b-a22b").kvBytesPerToken()).isEqualTo(94.0 * 2 * 4 * 128 * 2);
    // the MLA latent is whole on every TP rank; Qwen's 4 KV heads split over TP 4
    assertThat(catalog.get("deepseek-v3").kvBytesPerTokenPerDevice(Sharding.tensorParallel(8)))
        .isEqualTo(61.0 * 576 * 2);
    assertThat(catalog.get("qwen3-235b-a22b").kvBytesPerTokenPerDevice(Sharding.tensorParallel(4)))
        .isEqualTo(94.0 * 2 * 128 * 2);
  }

  @Test
  void idsAreSortedDeterministically() {
    List<String> ids = new ArrayList<>(catalog().keySet());
    assertThat(ids).isSorted();
  }
}

package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.EmbeddingBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.LmHeadBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.Precision;
import dev.afd.plugin.strategies.afd.AggAfdStrategyProvider;
import dev.afd.plugin.strategies.afd.PdAfdStrategyProvider;
import dev.afd.plugin.strategies.agg.AggStrategyProvider;
import dev.afd.plugin.strategies.pd.PdStrategyProvider;
import dev.afd.spi.StrategyProvider;
import dev.afd.tck.TestingAccelerators;
import dev.afd.tck.TestingStrategyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long context that fits only when the KV cache lives on attention devices alone.
 *
 * <p>Model (BF16, 2 layers, hidden 1024): GQA 8×128 with 8 KV heads — 4,194,304 attention
 * parameters per layer, 8.39 M in all; 8 gated experts of intermediate 16384, top-2 — 8 · 3 · 1024
 * · 16384 = 402.65 M expert parameters per layer, 805.3 M in all (1.611 GB); embedding and LM head
 * 2 · 32000 · 1024 = 65.5 M (0.131 GB). KV per token: 2 layers · 2 · 8 · 128 · 2 B = 8192 B.
 *
 * <p>Device: 3.2 GB of HBM, no runtime reserve. Workload: prefix 180,000, isl 16, osl 16; one
 * sequence at 180,032 tokens holds 180,032 · 8192 B = 1.475 GB of KV.
 *
 * <ul>
 *   <li>{@code pd} decode on one device: 1.611 + 0.148 (weights) + 1.475 (KV) = 3.23 GB &gt; 3.2.
 *   <li>{@code agg}: the same plus the prefilling sequence's 180,016 · 8192 B = 1.475 GB: 4.71 GB.
 *   <li>{@code pd-afd} attention device: 0.148 (attention, embedding, LM head) + 1.475 = 1.62 GB;
 *       FFN device: 1.611 GB (plus norms and router). Both fit (its prefill pool uses TP 2).
 *   <li>{@code agg-afd} attention device: 0.148 + 2 · 1.475 = 3.10 GB plus 0.02 GB of activations
 *       for a 512-token chunk: fits.
 * </ul>
 *
 * Every layout is one device wide (TP = DP = EP = 1), so nothing is sharded away.
 */
class LongContextTest {
  private static final WorkloadSpec LONG = new WorkloadSpec("long", 180_000, 16, 16);

  private static MoeModelSpec bigExpertModel() {
    Precision bf16 = Precision.BF16;
    Block attention =
        new GqaAttentionBlock(1024, 8, 8, 128, 0, false, false, false, bf16, bf16, bf16);
    Block experts =
        new MoeFfnBlock(1024, 8, 2, 16384, 0, 0, true, 0, false, bf16, bf16, bf16, bf16);
    return new MoeModelSpec(
        "big-experts",
        "Big experts",
        "LongContextTest",
        1024,
        1 << 20,
        bf16,
        List.of(
            new EmbeddingBlock(32000, 1024, bf16, bf16, false),
            new LmHeadBlock(32000, 1024, false, bf16, bf16, false)),
        List.of(new LayerGroup("moe", 2, List.of(attention, experts))),
        List.of());
  }

  private static List<ServingResult> evaluate(StrategyProvider provider) {
    Map<String, String> options =
        new java.util.HashMap<>(
            Map.of(
                "tp",
                "1",
                "dp",
                "1",
                "moe-tp",
                "1",
                "ep",
                "1",
                "batch",
                "1",
                "runtime-reserve",
                "0 B",
                "expert-imbalance",
                "1"));
    if (provider.id().startsWith("agg")) {
      options.put("chunk", "512");
    }
    if (provider.id().startsWith("pd")) {
      options.put("decode-workers", "1");
      options.put("prefill-batch", "1");
    }
    if (provider.id().endsWith("afd")) {
      options.put("micro-batches", "1");
    }
    if (provider.id().equals("pd-afd")) {
      // The prefill pool is not what this test is about: let it shard over two devices.
      options.putAll(
          Map.of("prefill-tp", "2", "prefill-dp", "1", "prefill-moe-tp", "2", "prefill-ep", "1"));
    }
    ClusterSpec cluster =
        ClusterSpec.of(
            TestingAccelerators.system(TestingAccelerators.gpu(DataSize.ofGigabytes(3.2)), 8));
    ServingStrategy strategy =
        provider.create(
            TestingStrategyContext.builder(provider, options)
                .model(bigExpertModel())
                .cluster(cluster)
                .workload(LONG)
                .build());
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    return candidates.stream().map(strategy::evaluate).toList();
  }

  @Test
  void aggregatedAndPrefillDecodeRunOutOfMemory() {
    for (StrategyProvider provider : List.of(new AggStrategyProvider(), new PdStrategyProvider())) {
      List<ServingResult> results = evaluate(provider);
      assertThat(results).as(provider.id()).isNotEmpty().noneMatch(ServingResult::feasible);
      assertThat(results.get(0).reason())
          .as(provider.id())
          .matches("(replica|decode) devices need \\d+\\.\\d GiB of 3\\.0 GiB .*: short by .*");
    }
  }

  @Test
  void attentionFfnDisaggregationFitsBecauseKvLivesOnAttentionDevicesOnly() {
    for (StrategyProvider provider :
        List.of(new AggAfdStrategyProvider(), new PdAfdStrategyProvider())) {
      List<ServingResult> results = evaluate(provider);
      assertThat(results).as(provider.id()).anyMatch(ServingResult::feasible);
      ServingResult feasible = results.stream().filter(ServingResult::feasible).findFirst().get();
      // The KV cache is on the attention group; the FFN group holds none.
      assertThat(
              feasible.memory().stream()
                  .filter(usage -> usage.group().equals("ffn"))
                  .findFirst()
                  .get()
                  .kvCache()
                  .bytes())
          .isZero();
      assertThat(
              feasible.memory().stream()
                  .filter(usage -> usage.group().equals("attention"))
                  .findFirst()
                  .get()
                  .kvCache()
                  .toGigabytes())
          .isGreaterThan(1.47);
    }
  }
}

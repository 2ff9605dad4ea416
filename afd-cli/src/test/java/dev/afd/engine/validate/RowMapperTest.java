package dev.afd.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.engine.AfdEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowMapperTest {
  static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();
  static final String HEADER = String.join(",", SiliconCsv.REQUIRED);

  static SiliconRow row(String line) {
    return SiliconCsv.parse("t.csv", HEADER + "\n" + line + "\n").get(0);
  }

  static String agg(String model, String system, String quant, String layout) {
    return "a,src,trtllm,1,"
        + model
        + ","
        + system
        + ",agg,1024,1024,"
        + quant
        + ","
        + quant
        + ","
        + layout
        + ",,,,,,,,,,,,,,,300,20";
  }

  static String reason(String line) {
    RowMapper.Mapping mapping = new RowMapper(ENGINE).map(row(line));
    assertThat(mapping).isInstanceOf(RowMapper.Skipped.class);
    return ((RowMapper.Skipped) mapping).reason();
  }

  @Test
  void mapsAggRowToNarrowedClosedLoopOptions() {
    RowMapper.Mapping mapping =
        new RowMapper(ENGINE)
            .map(row(agg("deepseek-ai/DeepSeek-R1", "b200_sxm", "nvfp4", "64,1,1,8,1,8")));
    assertThat(mapping).isInstanceOf(RowMapper.Mapped.class);
    List<RowMapper.Attempt> attempts = ((RowMapper.Mapped) mapping).attempts();
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).run().strategyId()).isEqualTo("agg");
    assertThat(attempts.get(0).run().options())
        .containsEntry("tp", "1")
        .containsEntry("dp", "8")
        .containsEntry("moe-tp", "1")
        .containsEntry("ep", "8")
        .containsEntry("batch", "8")
        .containsEntry("chunk", "8192")
        .containsEntry("arrivals", "closed-loop")
        .containsEntry("mtp", "1");
    assertThat(attempts.get(0).assumptions()).contains("MTP speculative decoding");
    assertThat(attempts.get(0).scenario().deviceBudget()).isEqualTo(8);
    assertThat(attempts.get(0).scenario().model().id()).isEqualTo("deepseek-r1");
  }

  @Test
  void assumesMtpOnlyForDeepSeekV3Architecture() {
    RowMapper.Mapping mapping =
        new RowMapper(ENGINE)
            .map(row(agg("Qwen/Qwen3-235B-A22B-FP8", "h200_sxm", "fp8", "8,8,1,1,1,8")));
    assertThat(mapping).isInstanceOf(RowMapper.Mapped.class);
    assertThat(((RowMapper.Mapped) mapping).attempts().get(0).run().options())
        .doesNotContainKey("mtp");
  }

  @Test
  void reportsUnknownModel() {
    assertThat(reason(agg("moonshotai/Kimi-K2.5", "h200_sxm", "fp8", "8,8,1,1,1,8")))
        .isEqualTo("model 'moonshotai/Kimi-K2.5' is not in the catalog");
  }

  @Test
  void reportsUnknownSystem() {
    assertThat(reason(agg("deepseek-ai/DeepSeek-V3", "a100_sxm", "fp8", "8,8,1,1,1,8")))
        .isEqualTo("system 'a100_sxm' has no afd system");
  }

  @Test
  void reportsUnsupportedQuantization() {
    assertThat(reason(agg("deepseek-ai/DeepSeek-V3", "h200_sxm", "w4a8_awq", "8,8,1,1,1,8")))
        .isEqualTo("GEMM quantization 'w4a8_awq' is not supported");
  }

  @Test
  void reportsPipelineParallelism() {
    assertThat(reason(agg("deepseek-ai/DeepSeek-V3", "h200_sxm", "fp8", "8,4,2,1,1,4")))
        .isEqualTo("agg pool uses pipeline parallelism (pp 2), not modelled");
  }

  @Test
  void reportsMismatchedWidths() {
    assertThat(reason(agg("deepseek-ai/DeepSeek-V3", "h200_sxm", "fp8", "8,4,1,1,1,8")))
        .isEqualTo("agg pool attention width tp 4 × dp 1 differs from MoE width moe_tp 1 × ep 8");
  }

  @Test
  void skipsAnAggPoolWiderThanAfdModels() {
    // Found by MutatedInputTest: tp 131073 sized a system past SystemSpec.MAX_DEVICES, exit 1.
    assertThat(reason(agg("deepseek-ai/DeepSeek-R1", "h200_sxm", "fp8", "8,131073,1,1,1,131073")))
        .isEqualTo(
            "agg pool needs 131073 devices in whole nodes, more than afd models (131072,"
                + " SystemSpec.MAX_DEVICES)");
  }

  @Test
  void skipsAnAggPoolThatExceedsTheLimitOnlyInWholeNodes() {
    // 131041 devices fit the limit, but in whole 72-GPU NVLink domains of gb200-nvl72 they are
    // 1821 x 72 = 131112.
    assertThat(reason(agg("deepseek-ai/DeepSeek-R1", "gb200", "fp8", "8,131041,1,1,1,131041")))
        .isEqualTo(
            "agg pool needs 131112 devices in whole nodes, more than afd models (131072,"
                + " SystemSpec.MAX_DEVICES)");
  }

  @Test
  void skipsADisaggDeploymentWhoseWorkersOverflowAnInt() {
    // 2,000,000,000 decode workers of 8 GPUs plus one prefill worker of 8: 16,000,000,008 devices,
    // which wrapped around an int before.
    String row =
        "d,src,trtllm,1,deepseek-ai/DeepSeek-R1,h200_sxm,disagg,1024,1024,fp8,fp8,,,,,,,"
            + "1,1,8,1,1,1,8,8,2000000000,8,1,1,1,8,300,20";

    assertThat(reason(row))
        .isEqualTo(
            "disagg deployment needs 16000000008 devices in whole nodes, more than afd models"
                + " (131072, SystemSpec.MAX_DEVICES)");
  }

  /** A disagg row that states per-worker layouts (tp 8, ep 8) and 512 clients, but no workers. */
  static final String UNSTATED_DISAGG =
      "d,source_file=x.csv; silicon_concurrency=512,trtllm,1,deepseek-ai/DeepSeek-R1,h200_sxm,"
          + "disagg,1024,1024,fp8,fp8,,,,,,,,,8,1,1,1,8,,,8,1,1,1,8,300,20";

  @Test
  void statedAssumptionsReplaceTheDefaultsAndSaySo() {
    ValidationAssumptions assumed =
        ValidationAssumptions.parse(
            List.of(
                "mtp=3",
                "mtp-acceptance=0.7",
                "tokens-per-iteration=2048",
                "requests-per-client=4"));
    RowMapper.Attempt attempt =
        ((RowMapper.Mapped)
                new RowMapper(ENGINE, assumed)
                    .map(row(agg("deepseek-ai/DeepSeek-R1", "b200_sxm", "nvfp4", "64,1,1,8,1,8"))))
            .attempts()
            .get(0);

    assertThat(attempt.run().options())
        .containsEntry("mtp", "3")
        .containsEntry("mtp-acceptance", "0.7")
        .containsEntry("chunk", "2048")
        .containsEntry("requests-per-client", "4");
    assertThat(attempt.assumptions())
        .isEqualTo(
            "tokens per iteration 2048 (--assume); MTP speculative decoding with 3 draft tokens"
                + " (--assume); draft acceptance 0.7 (--assume); 4 requests per client"
                + " (--assume)");
  }

  @Test
  void infersTheFewestDecodeWorkersUnlessABatchCapIsAssumed() {
    // 512 clients over tp 8 decode workers (one attention rank each): one worker holds them all;
    // at most 64 per rank needs 512 / 64 = 8 workers, the first count of 1, 2, 3, 4, 6, 8, … that
    // fits.
    RowMapper.Mapped fewest = (RowMapper.Mapped) new RowMapper(ENGINE).map(row(UNSTATED_DISAGG));
    RowMapper.Mapped capped =
        (RowMapper.Mapped)
            new RowMapper(
                    ENGINE, ValidationAssumptions.parse(List.of("max-inferred-decode-batch=64")))
                .map(row(UNSTATED_DISAGG));

    assertThat(fewest.attempts().get(0).run().options())
        .containsEntry("decode-workers", "1")
        .containsEntry("batch", "512");
    assertThat(capped.attempts().get(0).run().options())
        .containsEntry("decode-workers", "8")
        .containsEntry("batch", "64");
    assertThat(capped.attempts().get(0).assumptions())
        .contains(
            "8 decode workers, the fewest whose KV cache holds concurrency 512 at ≤ 64 sequences"
                + " per rank (row gives none; --assume)");
  }

  @Test
  void rejectsUnknownOrMalformedAssumptionsNamingThem() {
    assertThat(assumptionError("mpt=2"))
        .isEqualTo(
            "Assumption 'mpt' is not known; expected one of [mtp, mtp-acceptance,"
                + " tokens-per-iteration, requests-per-client, max-inferred-decode-batch]");
    assertThat(assumptionError("mtp"))
        .isEqualTo(
            "Assumption 'mtp' must be KEY=VALUE with KEY one of [mtp, mtp-acceptance,"
                + " tokens-per-iteration, requests-per-client, max-inferred-decode-batch]");
    assertThat(assumptionError("mtp=two"))
        .isEqualTo("Assumption 'mtp' must be a whole number from 0 to 5 or 'recipe', got 'two'");
    assertThat(assumptionError("mtp=9"))
        .isEqualTo("Assumption 'mtp' must be a whole number from 0 to 5 or 'recipe', got '9'");
    assertThat(assumptionError("mtp-acceptance=1.5"))
        .isEqualTo(
            "Assumption 'mtp-acceptance' must be comma-separated acceptance rates from 0 to 1,"
                + " one per draft, got '1.5'");
    assertThat(assumptionError("max-inferred-decode-batch=0"))
        .isEqualTo("Assumption 'max-inferred-decode-batch' must be a whole number ≥ 1, got '0'");
  }

  private static String assumptionError(String entry) {
    try {
      ValidationAssumptions.parse(List.of(entry));
    } catch (dev.afd.api.AfdConfigurationException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + entry);
  }
}

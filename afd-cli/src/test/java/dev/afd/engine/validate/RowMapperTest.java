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
}

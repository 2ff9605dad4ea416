package dev.afd.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.afd.api.Fidelity;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Prices DeepSeek-V3 operators from the shared AIConfigurator tables (skipped without them). */
class MeasuredKernelCostModelDataTest {
  static final MlaAttentionBlock DEEPSEEK_V3_ATTENTION =
      new MlaAttentionBlock(
          7168, 128, 1536, 512, 128, 64, 128, Precision.FP8_BLOCK, Precision.BF16, Precision.BF16);
  static final MoeFfnBlock DEEPSEEK_V3_MOE =
      new MoeFfnBlock(
          7168,
          256,
          8,
          2048,
          1,
          2048,
          true,
          0,
          true,
          Precision.FP8_BLOCK,
          Precision.FP8_BLOCK,
          Precision.BF16,
          Precision.FP8);

  static Path sharedData() {
    return Stream.of("../shared/data/aiconfigurator", "../../shared/data/aiconfigurator")
        .map(Path::of)
        .filter(Files::isDirectory)
        .findFirst()
        .orElse(null);
  }

  @Test
  void pricesDeepSeekV3DecodeOnH200FromTheTables() {
    Path data = sharedData();
    assumeTrue(data != null, "../shared/data/aiconfigurator is absent");
    MeasuredKernelCostModel model =
        KernelCostModels.forDirectory(
            data, Map.of(TestingKernelAccelerators.H200.id(), "h200_sxm"));
    AcceleratorSpec h200 = TestingKernelAccelerators.H200;
    Sharding sharding = new Sharding(1, 8, 1, 8, 1.0);
    List<Operator> operators = new ArrayList<>();
    StepShape decode = StepShape.decode(64, 4000);
    DEEPSEEK_V3_ATTENTION.emit(decode, sharding, (group, operator) -> operators.add(operator));
    DEEPSEEK_V3_MOE.emit(
        StepShape.decode(64 * 8, 4000), sharding, (group, operator) -> operators.add(operator));

    Map<String, OperatorTime> times = new LinkedHashMap<>();
    for (Operator operator : operators) {
      if (operator instanceof CollectiveOperator || operator instanceof MemoryOperator) {
        continue;
      }
      times.put(operator.name(), model.time(operator, h200));
    }

    assertThat(times)
        .containsOnlyKeys(
            "q_a_proj",
            "q_b_proj",
            "kv_a_proj",
            "q_absorb_bmm",
            "attention",
            "v_absorb_bmm",
            "o_proj",
            "router",
            "experts",
            "shared_gate_up_proj",
            "shared_down_proj");
    assertThat(times.values())
        .as(times.toString())
        .allSatisfy(
            time -> {
              assertThat(time.fidelity()).isIn(Fidelity.MEASURED, Fidelity.INTERPOLATED);
              assertThat(time.source()).startsWith("h200_sxm/");
              assertThat(time.seconds()).isBetween(1e-6, 5e-3);
            });
    assertThat(times.get("attention").source()).isEqualTo("h200_sxm/generation_mla_perf");
    assertThat(times.get("q_absorb_bmm").source()).isEqualTo("h200_sxm/mla_bmm_perf");
    assertThat(times.get("experts").source()).isEqualTo("h200_sxm/moe_perf");
    assertThat(times.get("q_b_proj").source()).isEqualTo("h200_sxm/gemm_perf");
    assertThat(model.id()).isEqualTo("measured");
  }
}

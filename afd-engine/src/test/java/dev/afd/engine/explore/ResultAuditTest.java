package dev.afd.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultAuditTest {
  private static final ResultAudit AUDIT = new ResultAudit("agg-fixed", model(), cluster());

  /** 32 query heads, 8 KV heads, 128 experts of intermediate size 768: Qwen3-30B-A3B's shape. */
  static MoeModelSpec model() {
    GqaAttentionBlock attention =
        new GqaAttentionBlock(
            2048,
            32,
            4,
            128,
            0,
            false,
            false,
            false,
            Precision.BF16,
            Precision.BF16,
            Precision.BF16);
    MoeFfnBlock ffn =
        new MoeFfnBlock(
            2048,
            128,
            8,
            768,
            0,
            0,
            true,
            0,
            false,
            Precision.BF16,
            Precision.BF16,
            Precision.BF16,
            Precision.BF16);
    return new MoeModelSpec(
        "audit-moe",
        "Audit MoE",
        "hand-built for audit tests",
        2048,
        32768,
        Precision.BF16,
        List.of(),
        List.of(new LayerGroup("moe", 2, List.of(attention, ffn))),
        List.of());
  }

  static ClusterSpec cluster() {
    AcceleratorSpec accelerator =
        AcceleratorSpec.builder("audit-gpu")
            .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(100))
            .memoryCapacityPerDevice(DataSize.ofGibibytes(80))
            .memoryBandwidth(ByteRate.ofGigabytesPerSecond(2000))
            .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(200))
            .scaleOutBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(50))
            .build();
    return ClusterSpec.of(
        new SystemSpec(
            "audit-nvl8",
            "8 audit GPUs per switch",
            accelerator,
            List.of(
                new NetworkDimension(
                    "nvlink",
                    DimensionKind.SWITCH,
                    8,
                    ByteRate.ofGigabytesPerSecond(200),
                    TimeSpan.ofMicros(1)))));
  }

  static ServingResult feasible(Map<String, String> knobs, DataSize weights, DataSize capacity) {
    return ServingResult.builder("agg-fixed")
        .knobs(knobs)
        .devices(8, Map.of("all", 8))
        .memory(
            List.of(
                new MemoryUsage(
                    "all", weights, DataSize.ZERO, DataSize.ZERO, DataSize.ZERO, capacity)))
        .build();
  }

  static Map<String, String> knobs(String... pairs) {
    Map<String, String> knobs = new LinkedHashMap<>();
    for (int index = 0; index < pairs.length; index += 2) {
      knobs.put(pairs[index], pairs[index + 1]);
    }
    return knobs;
  }

  @Test
  void keepsAValidFeasibleResultAsItIs() {
    ServingResult result =
        feasible(
            knobs("tp", "8", "moe-tp", "2", "ep", "4"),
            DataSize.ofGibibytes(10),
            DataSize.ofGibibytes(80));

    assertThat(AUDIT.check(result)).isSameAs(result);
  }

  @Test
  void keepsAnInfeasibleResultAsItIs() {
    ServingResult result =
        ServingResult.builder("agg-fixed").knobs(knobs("tp", "3")).infeasible("own reason").build();

    assertThat(AUDIT.check(result)).isSameAs(result);
  }

  @Test
  void rejectsAGroupThatDoesNotFitItsCapacity() {
    ServingResult result =
        feasible(knobs("tp", "8"), DataSize.ofGibibytes(100), DataSize.ofGibibytes(80));

    ServingResult checked = AUDIT.check(result);

    assertThat(checked.feasible()).isFalse();
    assertThat(checked.reason())
        .isEqualTo(
            "strategy 'agg-fixed' reported this result feasible, but group 'all' needs 100 GiB per"
                + " device, more than its capacity 80 GiB");
    assertThat(checked.knobs()).isEqualTo(result.knobs());
    assertThat(checked.memory()).isEqualTo(result.memory());
  }

  @Test
  void rejectsACapacityLargerThanAnyDeviceOfTheCluster() {
    ServingResult result =
        feasible(knobs("tp", "8"), DataSize.ofGibibytes(100), DataSize.ofGibibytes(160));

    assertThat(AUDIT.check(result).reason())
        .isEqualTo(
            "strategy 'agg-fixed' reported this result feasible, but group 'all' counts on 160 GiB"
                + " per device, more than the largest device of the cluster (80 GiB)");
  }

  @Test
  void rejectsTooFewDevicesForTheWeightsWhenNoMemoryIsReported() {
    ResultAudit tiny =
        new ResultAudit(
            "agg-fixed",
            model(),
            ClusterSpec.of(
                new SystemSpec(
                    "tiny-memory",
                    "GPUs of 1 MiB",
                    cluster().primary().accelerator().toBuilder()
                        .memoryCapacityPerDevice(DataSize.ofMebibytes(1))
                        .build(),
                    cluster().primary().dimensions())));
    // Two layers of 2·128 experts · 3 · 2048 · 768 BF16 weights alone are far beyond 8 MiB.
    ServingResult result =
        ServingResult.builder("agg-fixed").knobs(knobs("tp", "8")).devices(8, Map.of()).build();

    assertThat(tiny.check(result).reason())
        .startsWith(
            "strategy 'agg-fixed' reported this result feasible, but 8 devices of at most 1 MiB"
                + " cannot hold the weights of model 'audit-moe' (");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tp=5 ep=8              | tp=5       | ep=8       | model 'audit-moe' cannot be sharded as tp=5 ep=8: 32 attention heads are not divisible by attention TP 5
          tp=3 ep=15 (issue 20)  | tp=3       | ep=15      | model 'audit-moe' cannot be sharded as tp=3 ep=15: 32 attention heads are not divisible by attention TP 3
          ep=15                  | tp=8       | ep=15      | model 'audit-moe' cannot be sharded as tp=8 ep=15: 128 experts are not divisible by EP 15
          decode ep=24           | decode-tp=8 | decode-ep=24 | model 'audit-moe' cannot be sharded as decode-tp=8 decode-ep=24: 128 experts are not divisible by EP 24
          ffn-moe-tp=5           | attention-tp=4 | ffn-moe-tp=5 | model 'audit-moe' cannot be sharded as ffn-moe-tp=5: expert intermediate size 768 is not divisible by MoE TP 5
          tp=64 above the heads  | tp=64      | ep=1       | model 'audit-moe' cannot be sharded as tp=64 ep=1: 32 attention heads are not divisible by attention TP 64
          tp not an integer      | tp=auto    | ep=8       | layout knob 'tp' must be a positive integer, got 'auto'
          tp zero                | tp=0       | ep=8       | layout knob 'tp' must be a positive integer, got '0'
          """)
  void rejectsALayoutTheModelCannotShard(String name, String first, String second, String why) {
    String[] one = first.split("=");
    String[] two = second.split("=");
    ServingResult result =
        feasible(
            knobs(one[0], one[1], "batch", "8", two[0], two[1]),
            DataSize.ofGibibytes(10),
            DataSize.ofGibibytes(80));

    ServingResult checked = AUDIT.check(result);

    assertThat(checked.feasible()).isFalse();
    assertThat(checked.reason())
        .isEqualTo("strategy 'agg-fixed' reported this result feasible, but " + why);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          KV heads replicated (tp=8 over 4)  | tp=8
          KV heads split (tp=2 of 4)         | tp=2
          a knob merely ending in tp         | stp=3
          step is not ep                     | step=3
          """)
  void acceptsLayoutsTheModelCanShard(String name, String knob) {
    String[] pair = knob.split("=");
    ServingResult result =
        feasible(knobs(pair[0], pair[1]), DataSize.ofGibibytes(10), DataSize.ofGibibytes(80));

    assertThat(AUDIT.check(result)).isSameAs(result);
  }
}

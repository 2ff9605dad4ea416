package dev.afd.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.Fidelity;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.ParallelScope;
import dev.afd.api.unit.Precision;
import dev.afd.engine.internal.parquet.TestingParquetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured cost model on small synthetic tables written by the test. */
class MeasuredKernelCostModelTest {
  @TempDir Path root;

  private Path systems;
  private MeasuredKernelCostModel model;

  @BeforeEach
  void writeDatabase() throws IOException {
    systems = root.resolve("systems");
    Files.createDirectories(systems);
    Files.writeString(
        systems.resolve("test_gpu.yaml"),
        "gpu:\n  mem_bw: 4800000000000\n  bfloat16_tc_flops: 989000000000000\n");
    // Affine in m: 8 us + 2 us per row.
    TestingParquetWriter.builder()
        .stringColumn("kernel_source", "torch_flow", "torch_flow", "torch_flow", "torch_flow")
        .stringColumn("gemm_dtype", "bfloat16", "bfloat16", "bfloat16", "bfloat16")
        .longColumn("m", 1, 2, 4, 8)
        .longColumn("n", 1024, 1024, 1024, 1024)
        .longColumn("k", 1024, 1024, 1024, 1024)
        .doubleColumn("latency", 0.010, 0.012, 0.016, 0.024)
        .write(systems.resolve("data/test_gpu/gemm/trtllm/1.0/gemm_perf.parquet"));
    TestingParquetWriter.builder()
        .stringColumn("kernel_source", "moe_torch_flow", "moe_torch_flow", "moe_torch_flow")
        .stringColumn("moe_dtype", "bfloat16", "bfloat16", "bfloat16")
        .stringColumn("distribution", "balanced", "balanced", "power_law_1.01")
        .longColumn("num_tokens", 1, 16, 16)
        .longColumn("hidden_size", 2048, 2048, 2048)
        .longColumn("inter_size", 768, 768, 768)
        .longColumn("topk", 8, 8, 8)
        .longColumn("num_experts", 128, 128, 128)
        .longColumn("moe_tp_size", 1, 1, 1)
        .longColumn("moe_ep_size", 8, 8, 8)
        .doubleColumn("latency", 0.020, 0.050, 0.070)
        .write(systems.resolve("data/test_gpu/moe/trtllm/1.0/moe_perf.parquet"));
    // TensorRT-LLM custom all-reduce over 8 GPUs; message_size in bf16 elements.
    TestingParquetWriter.builder()
        .stringColumn("kernel_source", "TRTLLM", "TRTLLM")
        .stringColumn("allreduce_dtype", "bfloat16", "bfloat16")
        .longColumn("num_gpus", 8, 8)
        .longColumn("message_size", 1024, 65536)
        .doubleColumn("latency", 0.005, 0.007)
        .write(systems.resolve("data/test_gpu/comm/trtllm/1.0/custom_allreduce_perf.parquet"));
    model =
        KernelCostModels.forDirectory(
            root, Map.of(TestingKernelAccelerators.H200.id(), "test_gpu"));
  }

  private static GemmOperator gemm(long m, Precision precision) {
    return GemmOperator.linear("proj", m, 1024, 1024, precision, Precision.BF16);
  }

  private OperatorTime time(dev.afd.api.operator.Operator operator) {
    return model.time(operator, TestingKernelAccelerators.H200);
  }

  @Test
  void returnsAMeasuredRowExactly() {
    OperatorTime time = time(gemm(4, Precision.BF16));

    assertThat(time.seconds()).isCloseTo(16e-6, withinPercentage(1e-9));
    assertThat(time.fidelity()).isEqualTo(Fidelity.MEASURED);
    assertThat(time.source()).isEqualTo("test_gpu/gemm_perf");
    assertThat(model.id()).isEqualTo("measured");
  }

  @Test
  void interpolatesBetweenGridPoints() {
    OperatorTime time = time(gemm(3, Precision.BF16));

    assertThat(time.seconds()).isCloseTo(14e-6, withinPercentage(1e-9));
    assertThat(time.fidelity()).isEqualTo(Fidelity.INTERPOLATED);
  }

  @Test
  void extrapolatesAboveTheGridAtTheBoundaryUtilisation() {
    OperatorTime time = time(gemm(16, Precision.BF16));

    // Memory-bound roofline: bytes (16·1024 + 1024²)·2 + 16·1024·2 over (8·1024 + 1024²)·2 +
    // 8·1024·2, times the 24 us measured at m = 8.
    double ratio = 2_162_688.0 / 2_129_920.0;
    assertThat(time.seconds()).isCloseTo(24e-6 * ratio, withinPercentage(1e-6));
    assertThat(time.fidelity()).isEqualTo(Fidelity.EXTRAPOLATED);
    assertThat(time.source()).isEqualTo("test_gpu/gemm_perf");
  }

  @Test
  void pricesAnIntraNodeAllReduceFromTheCustomAllReduceTable() {
    // 32768 bf16 elements = 65536 bytes, between 1024 (5 us) and 65536 elements (7 us)
    CollectiveOperator reduce =
        new CollectiveOperator(
            "ffn_all_reduce", CollectiveKind.ALL_REDUCE, ParallelScope.ATTENTION_TENSOR, 65536, 8);
    OperatorTime time = model.measuredCollective(reduce, TestingKernelAccelerators.H200).get();
    assertThat(time.seconds())
        .isCloseTo((5 + 2 * (32768.0 - 1024) / (65536 - 1024)) * 1e-6, withinPercentage(1e-6));
    assertThat(time.fidelity()).isEqualTo(Fidelity.INTERPOLATED);
    // Other group sizes, other collectives and sizes above the grid go to the network model.
    assertThat(
            model.measuredCollective(
                new CollectiveOperator(
                    "r", CollectiveKind.ALL_REDUCE, ParallelScope.ATTENTION_TENSOR, 65536, 4),
                TestingKernelAccelerators.H200))
        .isEmpty();
    assertThat(
            model.measuredCollective(
                new CollectiveOperator(
                    "a", CollectiveKind.ALL_TO_ALL, ParallelScope.EXPERT, 65536, 8),
                TestingKernelAccelerators.H200))
        .isEmpty();
    assertThat(
            model.measuredCollective(
                new CollectiveOperator(
                    "big", CollectiveKind.ALL_REDUCE, ParallelScope.ATTENTION_TENSOR, 1e9, 8),
                TestingKernelAccelerators.H200))
        .isEmpty();
  }

  @Test
  void fallsBackToTheRooflineWithoutAMatchingTable() {
    AttentionOperator attention =
        new AttentionOperator(
            "attention",
            AttentionKind.GQA,
            8,
            1,
            1024,
            8,
            1,
            128,
            128,
            0,
            512,
            Precision.BF16,
            Precision.BF16);
    OperatorTime missingTable = time(attention);
    OperatorTime missingDataType = time(gemm(4, Precision.FP8));
    OperatorTime unmappedAccelerator =
        model.time(gemm(4, Precision.BF16), TestingKernelAccelerators.B200);

    RooflineCostModel roofline = KernelCostModels.roofline();
    assertThat(missingTable).isEqualTo(roofline.time(attention, TestingKernelAccelerators.H200));
    assertThat(missingTable.fidelity()).isEqualTo(Fidelity.ROOFLINE);
    assertThat(missingTable.source()).isEqualTo("roofline");
    assertThat(missingDataType.fidelity()).isEqualTo(Fidelity.ROOFLINE);
    assertThat(unmappedAccelerator.fidelity()).isEqualTo(Fidelity.ROOFLINE);
  }

  @Test
  void picksBalancedOrPowerLawRoutingByLoadImbalance() {
    OperatorTime balanced = time(moe(16, 1.0, true));
    OperatorTime skewed = time(moe(16, 1.3, true));
    OperatorTime interpolated = time(moe(6, 1.0, true));
    OperatorTime notGated = time(moe(16, 1.0, false));

    assertThat(balanced.seconds()).isCloseTo(50e-6, withinPercentage(1e-9));
    assertThat(balanced.fidelity()).isEqualTo(Fidelity.MEASURED);
    assertThat(skewed.seconds()).isCloseTo(70e-6, withinPercentage(1e-9));
    assertThat(interpolated.seconds()).isCloseTo(30e-6, withinPercentage(1e-9));
    assertThat(interpolated.fidelity()).isEqualTo(Fidelity.INTERPOLATED);
    assertThat(notGated.fidelity()).isEqualTo(Fidelity.ROOFLINE);
  }

  private static MoeOperator moe(long tokens, double imbalance, boolean gated) {
    return new MoeOperator(
        "experts",
        tokens,
        2048,
        768,
        8,
        128,
        1,
        8,
        gated,
        imbalance,
        Precision.BF16,
        Precision.BF16);
  }

  @Test
  void reportsAMalformedTableWithItsFile() throws IOException {
    Path file = systems.resolve("data/test_gpu/mla/trtllm/1.0/generation_mla_perf.parquet");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "this is not a parquet file");
    MeasuredKernelCostModel broken =
        KernelCostModels.forDirectory(
            root, Map.of(TestingKernelAccelerators.H200.id(), "test_gpu"));
    AttentionOperator decode =
        new AttentionOperator(
            "attention",
            AttentionKind.MLA_ABSORBED,
            8,
            1,
            1024,
            16,
            1,
            576,
            512,
            0,
            576 * 2,
            Precision.BF16,
            Precision.BF16);

    assertThatThrownBy(() -> broken.time(decode, TestingKernelAccelerators.H200))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "kernel table '"
                + file
                + "' cannot be used: Not a parquet file '"
                + file
                + "': missing PAR1 magic at the start");
  }

  @Test
  void blamesAGarbledSystemFileNotTheTableThatNeededIt() throws IOException {
    Path yaml = systems.resolve("test_gpu.yaml");
    Files.writeString(yaml, "gpu: [unclosed\n  mem_bw: :\n");
    MeasuredKernelCostModel broken =
        KernelCostModels.forDirectory(
            root, Map.of(TestingKernelAccelerators.H200.id(), "test_gpu"));

    assertThatThrownBy(() -> broken.time(gemm(4, Precision.BF16), TestingKernelAccelerators.H200))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "kernel database system 'test_gpu': Cannot read system file '"
                + yaml
                + "': line 2, column 9: while parsing a flow sequence; expected ',' or ']', but"
                + " got :");
  }

  @Test
  void rejectsADirectoryWithoutSystems() throws IOException {
    Path empty = Files.createDirectories(root.resolve("empty"));

    assertThatThrownBy(() -> KernelCostModels.forDirectory(empty, Map.of()))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "kernel database '"
                + empty
                + "': no systems/data/<system> or data/<system> directory found. Pass"
                + " AIConfigurator's 'systems' directory or the directory that contains it.");
    assertThatThrownBy(() -> KernelCostModels.forDirectory(root.resolve("missing"), Map.of()))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("kernel database '" + root.resolve("missing") + "': no such directory");
  }
}

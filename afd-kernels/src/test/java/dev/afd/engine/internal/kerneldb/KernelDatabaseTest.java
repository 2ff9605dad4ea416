package dev.afd.engine.internal.kerneldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.engine.internal.parquet.TestingParquetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelDatabaseTest {
  @TempDir Path root;

  @BeforeEach
  void writeDatabase() throws IOException {
    Path systems = root.resolve("systems");
    Files.createDirectories(systems);
    Files.writeString(
        systems.resolve("test_gpu.yaml"),
        "gpu:\n  mem_bw: 4800000000000\n  bfloat16_tc_flops: 989000000000000\n"
            + "  fp8_tc_flops: 1978000000000000\n");
    TestingParquetWriter.builder()
        .dictionaryEncoding(true)
        .stringColumn("gemm_dtype", "bfloat16", "bfloat16", "fp8")
        .longColumn("m", 1, 2, 1)
        .longColumn("n", 128, 128, 128)
        .longColumn("k", 64, 64, 64)
        .doubleColumn("latency", 0.010, 0.012, 0.008)
        .write(systems.resolve("data/test_gpu/gemm/trtllm/1.0/gemm_perf.parquet"));
    TestingParquetWriter.builder()
        .stringColumn("op_name", "all_reduce")
        .longColumn("message_size", 256)
        .doubleColumn("latency", 0.005)
        .write(systems.resolve("data/other_gpu/comm/nccl/2.0/nccl_perf.parquet"));
    Files.writeString(
        systems.resolve("data/test_gpu/gemm/trtllm/1.0/collection_meta.yaml"), "x: 1\n");
  }

  @Test
  void opensTheSystemsDirectoryOrItsParent() {
    KernelDatabase fromParent = KernelDatabase.open(root);
    KernelDatabase fromSystems = KernelDatabase.open(root.resolve("systems"));

    assertThat(fromParent.systemNames()).containsExactly("other_gpu", "test_gpu");
    assertThat(fromSystems.systemNames()).containsExactly("other_gpu", "test_gpu");
    assertThat(fromParent.systemsDirectory()).isEqualTo(root.resolve("systems"));
  }

  @Test
  void findsTablesAndLoadsThemWithLatenciesInSeconds() {
    KernelSystem system = KernelDatabase.open(root).system("test_gpu");

    assertThat(system.tableIds())
        .extracting(KernelTableId::toString)
        .containsExactly("test_gpu/gemm/trtllm/1.0/gemm");
    KernelTable table = system.table("gemm");
    assertThat(table.rowCount()).isEqualTo(3);
    assertThat(table.columnNames()).containsExactly("gemm_dtype", "m", "n", "k");
    assertThat(table.texts("gemm_dtype")).containsExactly("bfloat16", "bfloat16", "fp8");
    assertThat(table.numbers("m")).containsExactly(1, 2, 1);
    assertThat(table.latencySeconds()[1]).isCloseTo(12e-6, withinPercentage(1e-9));
    assertThat(system.table("gemm")).isSameAs(table);
  }

  @Test
  void readsTheSystemSpecification() {
    KernelDatabase database = KernelDatabase.open(root);

    SystemSpecification specification = database.system("test_gpu").specification().orElseThrow();

    assertThat(specification.memoryBandwidthBytesPerSecond()).isEqualTo(4.8e12);
    assertThat(specification.denseTensorCoreFlopsPerSecond())
        .containsOnlyKeys("bfloat16", "fp8")
        .containsEntry("fp8", 1.978e15);
    assertThat(database.system("other_gpu").specification()).isEmpty();
  }

  @Test
  void predictsFromALoadedTable() {
    KernelTable table = KernelDatabase.open(root).system("test_gpu").table("gemm");
    GridLayout layout =
        new GridLayout(
            List.of("gemm_dtype"),
            List.of(
                GridLayout.Axis.linear("n"),
                GridLayout.Axis.linear("k"),
                GridLayout.Axis.linear("m")),
            GridLayout.ValueSpace.LATENCY);

    Prediction prediction =
        table
            .grid(layout)
            .predict(List.of("bfloat16"), new double[] {128, 64, 1.5}, null)
            .orElseThrow();

    assertThat(prediction.latencySeconds()).isCloseTo(11e-6, withinPercentage(1e-6));
  }

  @Test
  void namesTheKnownTablesForAnUnknownOne() {
    KernelSystem system = KernelDatabase.open(root).system("test_gpu");

    assertThatThrownBy(() -> system.table("moe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown kernel table 'moe' for system 'test_gpu'. Known tables: [gemm]");
  }

  @Test
  void namesTheKnownSystemsForAnUnknownOne() {
    KernelDatabase database = KernelDatabase.open(root);

    assertThatThrownBy(() -> database.system("h100_sxm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown system 'h100_sxm' in kernel database '"
                + root.resolve("systems")
                + "'. Known systems: [other_gpu, test_gpu]");
  }

  @Test
  void rejectsADirectoryWithoutData() {
    Path empty = root.resolve("systems/data/test_gpu");

    assertThatThrownBy(() -> KernelDatabase.open(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Kernel database directory '"
                + empty
                + "' has neither 'systems/data' nor 'data'. Pass the AIConfigurator 'systems'"
                + " directory or the directory that contains it.");
  }

  @Test
  void rejectsATableWithoutLatencies() {
    TestingParquetWriter.builder()
        .longColumn("m", 1)
        .write(root.resolve("systems/data/test_gpu/gemm/trtllm/1.0/broken_perf.parquet"));
    KernelSystem system = KernelDatabase.open(root).system("test_gpu");

    assertThatThrownBy(() -> system.table("broken"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Kernel table '"
                + root.resolve("systems/data/test_gpu/gemm/trtllm/1.0/broken_perf.parquet")
                + "' has no 'latency' column. Columns: [m]");
  }
}

package dev.afd.engine.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetTableTest {
  /**
   * The reference data lives beside the project and is absent on users' machines; Maven runs tests
   * in the module directory, an IDE may run them in the project root.
   */
  private static final Path REFERENCE_DATA =
      Stream.of("../shared/data/aiconfigurator", "../../shared/data/aiconfigurator")
          .map(Path::of)
          .filter(Files::isDirectory)
          .findFirst()
          .orElse(Path.of("../shared/data/aiconfigurator"));

  static Stream<Arguments> writerSettings() {
    return Stream.of(
        Arguments.argumentSet(
            "uncompressed v1 plain", ParquetFormat.CODEC_UNCOMPRESSED, 1, false, 1000),
        Arguments.argumentSet("zstd v1 dictionary", ParquetFormat.CODEC_ZSTD, 1, true, 1000),
        Arguments.argumentSet(
            "snappy v1 plain, 2 rows per page", ParquetFormat.CODEC_SNAPPY, 1, false, 2),
        Arguments.argumentSet(
            "uncompressed v2 plain", ParquetFormat.CODEC_UNCOMPRESSED, 2, false, 1000),
        Arguments.argumentSet(
            "zstd v2 dictionary, 3 rows per page", ParquetFormat.CODEC_ZSTD, 2, true, 3),
        Arguments.argumentSet("snappy v2 dictionary", ParquetFormat.CODEC_SNAPPY, 2, true, 1000));
  }

  @ParameterizedTest
  @MethodSource("writerSettings")
  void decodesEveryTypeWithNulls(int codec, int pageVersion, boolean dictionary, int rowsPerPage) {
    byte[] file =
        TestingParquetWriter.builder()
            .codec(codec)
            .dataPageVersion(pageVersion)
            .dictionaryEncoding(dictionary)
            .rowsPerPage(rowsPerPage)
            .stringColumn("gemm_dtype", "bfloat16", "fp8", "bfloat16", null, "fp8", "naïve ü")
            .longColumn("m", 1, 2, 4, 8, 16, 1L << 40)
            .intColumn("k", -7, 0, 7, 70, 700, Integer.MAX_VALUE)
            .floatColumn("ratio", 0.5f, 1.5f, -2.25f, 0f, 3.75f, 1e-3f)
            .nullableDoubleColumn("latency", 0.25, null, null, 1.5, 2.5, 1e-6)
            .booleanColumn("fused", true, false, true, true, false, true)
            .build();

    ParquetTable table = ParquetTable.decode("fixture.parquet", file);

    assertThat(table.rowCount()).isEqualTo(6);
    assertThat(table.columnNames())
        .containsExactly("gemm_dtype", "m", "k", "ratio", "latency", "fused");
    assertThat(table.column("gemm_dtype").type()).isEqualTo(ColumnType.STRING);
    assertThat(table.strings("gemm_dtype"))
        .containsExactly("bfloat16", "fp8", "bfloat16", null, "fp8", "naïve ü");
    assertThat(table.longs("m")).containsExactly(1, 2, 4, 8, 16, 1L << 40);
    assertThat(table.column("k").type()).isEqualTo(ColumnType.INT32);
    assertThat(table.longs("k")).containsExactly(-7, 0, 7, 70, 700, Integer.MAX_VALUE);
    assertThat(table.doubles("ratio")).containsExactly(0.5, 1.5, -2.25, 0, 3.75, (double) 1e-3f);
    assertThat(table.doubles("latency"))
        .containsExactly(0.25, Double.NaN, Double.NaN, 1.5, 2.5, 1e-6);
    assertThat(table.column("latency").nullCount()).isEqualTo(2);
    assertThat(table.column("latency").isNull(1)).isTrue();
    assertThat(table.column("latency").isNull(3)).isFalse();
    assertThat(table.column("fused").toBooleanArray())
        .containsExactly(true, false, true, true, false, true);
    assertThat(table.doubles("m")).containsExactly(1, 2, 4, 8, 16, 0x1p40);
  }

  @Test
  void decodesAnEmptyTable() {
    ParquetTable table =
        ParquetTable.decode(
            "empty.parquet", TestingParquetWriter.builder().longColumn("m").build());

    assertThat(table.rowCount()).isZero();
    assertThat(table.longs("m")).isEmpty();
  }

  @Test
  void readsFilesFromDisk(@TempDir Path directory) {
    Path file =
        TestingParquetWriter.builder()
            .codec(ParquetFormat.CODEC_ZSTD)
            .dictionaryEncoding(true)
            .stringColumn("op_name", "gemm", "gemm")
            .doubleColumn("latency", 0.5, 0.75)
            .write(directory.resolve("gemm_perf.parquet"));

    ParquetTable table = ParquetTable.read(file);

    assertThat(table.source()).isEqualTo(file.toString());
    assertThat(table.column("latency").doubleAt(1)).isEqualTo(0.75);
    assertThat(table.column("op_name").stringAt(0)).isEqualTo("gemm");
  }

  @Test
  void rejectsAFileWithoutMagic() {
    byte[] contents = "this is a csv file, not parquet".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ParquetTable.decode("x.parquet", contents))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a parquet file 'x.parquet': missing PAR1 magic at the start");
  }

  @Test
  void rejectsATinyFile() {
    assertThatThrownBy(() -> ParquetTable.decode("x.parquet", new byte[] {'P', 'A', 'R', '1'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Not a parquet file 'x.parquet': it has 4 bytes, fewer than the 12 of an empty"
                + " parquet file");
  }

  @Test
  void rejectsATruncatedFile() {
    byte[] file = TestingParquetWriter.builder().longColumn("m", 1, 2, 3).build();
    byte[] truncated = Arrays.copyOf(file, file.length - 10);

    assertThatThrownBy(() -> ParquetTable.decode("x.parquet", truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read parquet file 'x.parquet': missing PAR1 magic at the end, the file is"
                + " probably truncated");
  }

  @Test
  void rejectsAFooterLengthBeyondTheFile() {
    byte[] file = TestingParquetWriter.builder().longColumn("m", 1, 2, 3).build();
    file[file.length - 6] = 0x7F;

    assertThatThrownBy(() -> ParquetTable.decode("x.parquet", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read parquet file 'x.parquet': footer length ")
        .hasMessageEndingWith(" does not fit in a file of " + file.length + " bytes");
  }

  @Test
  void rejectsCorruptPageData() {
    byte[] file =
        TestingParquetWriter.builder()
            .codec(ParquetFormat.CODEC_ZSTD)
            .doubleColumn("latency", 1, 2, 3, 4, 5, 6, 7, 8)
            .build();
    // Overwrite the zstd frame that follows the first page header with garbage.
    for (int offset = 20; offset < 40; offset++) {
      file[offset] = (byte) 0xA5;
    }

    assertThatThrownBy(() -> ParquetTable.decode("x.parquet", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read parquet file 'x.parquet': column 'latency': ");
  }

  @Test
  void reportsAMissingFileWithItsPath(@TempDir Path directory) {
    Path missing = directory.resolve("missing.parquet");

    assertThatThrownBy(() -> ParquetTable.read(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("Cannot read parquet file '" + missing + "': ");
  }

  @Test
  void namesTheKnownColumnsForAnUnknownOne() {
    ParquetTable table =
        ParquetTable.decode(
            "x.parquet",
            TestingParquetWriter.builder().longColumn("m", 1).doubleColumn("latency", 1).build());

    assertThatThrownBy(() -> table.column("n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown column 'n' in 'x.parquet'. Known columns: [latency, m]");
  }

  @Test
  void rejectsReadingAColumnAsTheWrongType() {
    ParquetTable table =
        ParquetTable.decode(
            "x.parquet",
            TestingParquetWriter.builder()
                .doubleColumn("latency", 1)
                .nullableDoubleColumn("power", (Double) null)
                .longColumn("m", 4)
                .intColumn("n", 5)
                .build());

    assertThatThrownBy(() -> table.longs("latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Column 'latency' of 'x.parquet' is DOUBLE, not an integer column");
    assertThatThrownBy(() -> table.strings("m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Column 'm' of 'x.parquet' is INT64, not a string column");
    assertThat(table.column("n").toLongArray(-1)).containsExactly(5);
    assertThat(table.column("power").doubleAt(0)).isNaN();
  }

  @Test
  void readsEveryReferenceTable() throws Exception {
    assumeTrue(Files.isDirectory(REFERENCE_DATA), "reference data is not on this machine");
    List<Path> files;
    try (Stream<Path> paths = Files.walk(REFERENCE_DATA)) {
      files = paths.filter(path -> path.toString().endsWith(".parquet")).sorted().toList();
    }

    assertThat(files).hasSizeGreaterThanOrEqualTo(76);
    for (Path file : files) {
      ParquetTable table = ParquetTable.read(file);
      assertThat(table.rowCount()).as(file.toString()).isPositive();
      assertThat(table.columnNames()).as(file.toString()).contains("op_name", "latency");
      assertThat(Arrays.stream(table.doubles("latency")).min().orElseThrow())
          .as(file.toString())
          .isPositive();
    }
  }

  @Test
  void readsKnownValuesOfTheH200GemmTable() {
    Path file =
        REFERENCE_DATA.resolve("systems/data/h200_sxm/gemm/trtllm/1.3.0rc20/gemm_perf.parquet");
    assumeTrue(Files.isRegularFile(file), "reference data is not on this machine");

    ParquetTable table = ParquetTable.read(file);

    assertThat(table.rowCount()).isEqualTo(100_668);
    assertThat(table.columnNames())
        .containsExactly(
            "framework",
            "version",
            "device",
            "op_name",
            "kernel_source",
            "gemm_dtype",
            "m",
            "n",
            "k",
            "latency");
    assertThat(table.column("device").stringAt(0)).isEqualTo("NVIDIA H200");
    assertThat(table.column("gemm_dtype").stringAt(0)).isEqualTo("bfloat16");
    assertThat(table.column("m").longAt(0)).isEqualTo(4353);
    assertThat(table.column("n").longAt(0)).isEqualTo(65536);
    assertThat(table.column("k").longAt(0)).isEqualTo(51200);
    assertThat(table.column("latency").doubleAt(0)).isEqualTo(41.099622090657554);
  }
}

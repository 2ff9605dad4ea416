package dev.afd.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiliconCsvTest {
  static final String HEADER = String.join(",", SiliconCsv.REQUIRED);

  static String agg(String isl, String ttft) {
    return "r1,\"db; silicon_concurrency=16; x=1\",trtllm,1.2,deepseek-ai/DeepSeek-V3,h200_sxm,agg,"
        + isl
        + ",1024,fp8,fp8,16,8,1,1,8,1,,,,,,,,,,,,,,,"
        + ttft
        + ",20.5";
  }

  @Test
  void readsAggRowWithQuotedSourceAndConcurrency() {
    List<SiliconRow> rows = SiliconCsv.parse("s.csv", HEADER + "\n" + agg("1024", "300") + "\n");
    assertThat(rows).hasSize(1);
    SiliconRow row = rows.get(0);
    assertThat(row.line()).isEqualTo(2);
    assertThat(row.concurrency()).isEqualTo(16);
    assertThat(row.agg()).isEqualTo(new SiliconRow.Pool(16, 1, 8, 1, 1, 8, 1));
    assertThat(row.prefill()).isEqualTo(SiliconRow.Pool.NONE);
    assertThat(row.ttftMs()).isEqualTo(300.0);
    assertThat(row.partition()).isEqualTo("deepseek-ai/DeepSeek-V3 | h200_sxm | trtllm | agg");
  }

  @Test
  void namesFileLineAndColumnOfBadInteger() {
    assertThatThrownBy(
            () ->
                SiliconCsv.parse("s.csv", HEADER + "\n" + agg("1024", "1") + "\n" + agg("1k", "1")))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file 's.csv' line 3, column 'isl': expected a positive integer, got '1k'");
  }

  @Test
  void namesFileLineAndColumnOfBadLatency() {
    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", HEADER + "\n" + agg("1024", "-3")))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file 's.csv' line 2, column 'silicon_ttft_ms': expected a positive number of"
                + " milliseconds, got '-3'");
  }

  @Test
  void namesTheSourceColumnOfAConcurrencyBeyondAnInt() {
    // Found by MutatedInputTest: Integer.parseInt threw, and validate exited 1.
    String row =
        agg("1024", "300").replace("silicon_concurrency=16", "silicon_concurrency=2147483648");

    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", HEADER + "\n" + row))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file 's.csv' line 2, column 'silicon_data_source': expected"
                + " silicon_concurrency between 1 and 2147483647, got"
                + " 'silicon_concurrency=2147483648'");
  }

  @Test
  void namesTheLineOfALongerContextThanAfdModels() {
    // Found by MutatedInputTest: the row's workload refused it later, and validate exited 1.
    String row = agg("1073740928", "300");

    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", HEADER + "\n" + row))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file 's.csv' line 2, columns 'isl' + 'osl': expected at most 1073741824"
                + " tokens together (WorkloadSpec.MAX_CONTEXT_TOKENS, the longest context afd"
                + " models), got '1073740928 + 1024'");
  }

  @Test
  void rejectsMissingColumn() {
    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", "id,backend\nx,y\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Silicon file 's.csv' line 1: missing column 'silicon_data_source'");
  }

  @Test
  void refusesAFileOverTheSizeLimitBeforeReadingIt(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("big.csv"), "0123456789");
    assertThatThrownBy(() -> SiliconCsv.read(file, 9))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file '" + file + "' has 10 bytes; at most 9 are read (split the file)");
  }

  @Test
  void rejectsADuplicatedColumn() {
    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", "id,backend,id\nx,y,z\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Silicon file 's.csv' line 1: column 'id' appears twice (columns 1 and 3); expected"
                + " each column once");
  }

  @Test
  void rejectsWrongFieldCount() {
    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", HEADER + "\na,b\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Silicon file 's.csv' line 2: expected 33 fields, got 2");
  }

  @Test
  void rejectsUnterminatedQuote() {
    assertThatThrownBy(() -> SiliconCsv.parse("s.csv", HEADER + "\n\"a,b\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Silicon file 's.csv' line 2: unterminated quoted field");
  }

  @Test
  void rejectsMissingFile(@TempDir Path directory) {
    Path file = directory.resolve("none.csv");
    assertThatThrownBy(() -> SiliconCsv.read(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Silicon file '" + file + "' does not exist");
  }
}

package dev.afd.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.AfdConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  @TempDir Path directory;

  private List<TraceReader.Line> read(String name, TraceFormat format, String text)
      throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    List<TraceReader.Line> lines = new ArrayList<>();
    try (TraceReader reader = new TraceReader(file, format)) {
      TraceReader.Line line;
      while ((line = reader.next()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * Blocks 1, 2 are new on the first line; the second shares them (2 · 512 = 1024 of its 1100
   * tokens); the third starts with a new block, so its seen block 2 is no prefix; the fourth shares
   * 1024 tokens of a 1024-token prompt, of which one token stays new.
   */
  @Test
  void mooncakeReusesLeadingBlocksSeenBefore() throws IOException {
    List<TraceReader.Line> lines =
        read(
            "mooncake.jsonl",
            TraceFormat.MOONCAKE,
            """
            {"timestamp": 0, "input_length": 1200, "output_length": 10, "hash_ids": [1, 2, 3]}
            {"timestamp": 500, "input_length": 1100, "output_length": 20, "hash_ids": [1, 2, 4]}

            {"timestamp": 750.5, "input_length": 600, "output_length": 5, "hash_ids": [5, 2]}
            {"timestamp": 1000, "input_length": 1024, "output_length": 1, "hash_ids": [1, 2]}
            """);
    assertThat(lines)
        .containsExactly(
            new TraceReader.Line(0, 1200, 10, 0),
            new TraceReader.Line(0.5, 76, 20, 1024),
            new TraceReader.Line(0.7505, 600, 5, 0),
            new TraceReader.Line(1, 1, 1, 1023));
  }

  @Test
  void azureArrivalsAreSecondsSinceTheFirstRow() throws IOException {
    List<TraceReader.Line> lines =
        read(
            "azure.csv",
            TraceFormat.AZURE,
            """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:15:46.6805900,4808,10
            2023-11-16 18:15:50.9951690,3180,8
            2023-11-16 18:15:51,100,1
            """);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(new TraceReader.Line(0, 4808, 10, 0));
    assertThat(lines.get(1).arrivalSeconds()).isCloseTo(4.314579, within(1e-12));
    assertThat(lines.get(1).inputTokens()).isEqualTo(3180);
    assertThat(lines.get(2).arrivalSeconds()).isCloseTo(4.31941, within(1e-12));
    assertThat(lines.get(2).outputTokens()).isEqualTo(1);
  }

  @Test
  void azureColumnsGoByTheHeader() throws IOException {
    assertThat(
            read(
                "reordered.csv",
                TraceFormat.AZURE,
                "GeneratedTokens,ContextTokens,TIMESTAMP\n7,300,2024-05-10 00:00:00.5\n"))
        .containsExactly(new TraceReader.Line(0, 300, 7, 0));
  }

  @Test
  void rejectsABadAzureRow() {
    Path file = directory.resolve("bad.csv");
    assertThatThrownBy(
            () ->
                read(
                    "bad.csv",
                    TraceFormat.AZURE,
                    "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                        + "2023-11-16 18:15:46,10,3\n"
                        + "2023-11-16 18:15:47,12,0\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Trace '"
                + file
                + "' line 3: field 'GeneratedTokens' '0'; expected an integer number of tokens"
                + " >= 1");
  }

  @Test
  void rejectsAnAzureFileWithoutItsHeader() {
    Path file = directory.resolve("headless.csv");
    assertThatThrownBy(() -> read("headless.csv", TraceFormat.AZURE, "2023-11-16,10,3\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Trace '"
                + file
                + "' line 1: header '2023-11-16,10,3'; expected a CSV header naming TIMESTAMP,"
                + " ContextTokens and GeneratedTokens");
  }

  @Test
  void rejectsAMooncakeLineWithoutHashIds() {
    Path file = directory.resolve("bad.jsonl");
    assertThatThrownBy(
            () ->
                read(
                    "bad.jsonl",
                    TraceFormat.MOONCAKE,
                    "{\"timestamp\": 3, \"input_length\": 10, \"output_length\": 2}\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Trace '"
                + file
                + "' line 1: has no field 'hash_ids'; expected an array of integer block hash ids");
  }

  @Test
  void rejectsAMooncakeTimestampGoingBack() {
    Path file = directory.resolve("back.jsonl");
    assertThatThrownBy(
            () ->
                read(
                    "back.jsonl",
                    TraceFormat.MOONCAKE,
                    "{\"timestamp\": 30, \"input_length\": 10, \"output_length\": 2,"
                        + " \"hash_ids\": []}\n"
                        + "{\"timestamp\": 20, \"input_length\": 10, \"output_length\": 2,"
                        + " \"hash_ids\": []}\n"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Trace '"
                + file
                + "' line 2: field 'timestamp' '20'; expected arrival times in non-decreasing"
                + " order (previous 0.03 s)");
  }
}

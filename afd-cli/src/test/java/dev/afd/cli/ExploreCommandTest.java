package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreCommandTest {
  /** A small, fast search: one model on 8 GPUs, two strategies, narrow knobs. */
  private static final String[] SMALL = {
    "explore",
    "--model",
    "qwen3-30b-a3b",
    "--system",
    "h200-nvl8",
    "--gpus",
    "8",
    "--workload",
    "chat",
    "--strategies",
    "agg,agg-afd",
    "--set",
    "agg.batch=8,32",
    "--set",
    "agg-afd.batch=8,32",
    "--set",
    "agg-afd.micro-batches=1,2"
  };

  @Test
  void printsTheBestPerStrategyAndARecommendation() {
    CommandResult result = CommandResult.run(SMALL);
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("qwen3-30b-a3b on 8 × h200-nvl8, workload chat")
        .contains("STRATEGY  MEETS SLO")
        .containsPattern("(?m)^agg +yes ")
        .contains("Recommendation: ");
  }

  @Test
  void spendsEveryDeviceOfTheSystemWithoutGpus() {
    // h200-nvl8 is 4 nodes of 8 ('afd hardware list'): 32 devices.
    CommandResult result =
        CommandResult.run(
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--system",
            "h200-nvl8",
            "--workload",
            "chat",
            "--strategies",
            "agg",
            "--set",
            "agg.tp=1",
            "--set",
            "agg.dp=8",
            "--set",
            "agg.moe-tp=1",
            "--set",
            "agg.ep=8",
            "--set",
            "agg.batch=32",
            "--set",
            "agg.chunk=512");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("qwen3-30b-a3b on 32 × h200-nvl8, workload chat");
  }

  @Test
  void printsJsonWithUnitCarryingFieldsAndAFrontier() throws Exception {
    String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + 1);
    args[SMALL.length] = "--json";
    CommandResult result = CommandResult.run(args);
    assertThat(result.status()).as(result.err()).isZero();
    JsonNode strategies =
        Json.mapper().readTree(result.out()).path("scenarios").path(0).path("strategies");
    assertThat(strategies).hasSize(2);
    JsonNode agg = strategies.path(0);
    assertThat(agg.path("strategy").asText()).isEqualTo("agg");
    for (String field :
        new String[] {
          "feasible", "reason", "ttftSeconds", "tpotSeconds", "tokensPerSecond",
          "tokensPerSecondPerGpu", "tokensPerSecondPerUser", "gpus", "config", "frontier"
        }) {
      assertThat(agg.has(field)).as(field).isTrue();
    }
    assertThat(agg.path("frontier").size()).isPositive();
  }

  @Test
  void givesTheSameAnswerWhateverTheThreadCount() {
    String[] one = java.util.Arrays.copyOf(SMALL, SMALL.length + 3);
    one[SMALL.length] = "--threads";
    one[SMALL.length + 1] = "1";
    one[SMALL.length + 2] = "--json";
    String[] two = one.clone();
    two[SMALL.length + 1] = "2";
    assertThat(CommandResult.run(two).out()).isEqualTo(CommandResult.run(one).out());
  }

  @Test
  void writesEveryOutputFile(@TempDir Path directory) {
    Path out = directory.resolve("run");
    String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + 2);
    args[SMALL.length] = "--out";
    args[SMALL.length + 1] = out.toString();
    CommandResult result = CommandResult.run(args);
    assertThat(result.status()).as(result.err()).isZero();
    for (String file :
        new String[] {"results.csv", "frontier.csv", "summary.json", "report.html"}) {
      assertThat(out.resolve(file)).isRegularFile();
    }
  }

  @Test
  void runsTheExampleStudyFile() {
    CommandResult result =
        CommandResult.run(
            "explore", "--study-file", "../examples/studies/h200-chat-and-long-doc.yaml");
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("qwen3-235b-a22b on 32 × h200-nvl8, workload chat")
        .contains("workload long-doc (prefix 0, isl 32768, osl 512), SLO TTFT ≤ 3 s, TPOT ≤ 40 ms");
  }

  @Test
  void rejectsStudyAndStudyFileTogether() {
    CommandResult result =
        CommandResult.run(
            "explore", "--study", "paper-b200", "--study-file", "../examples/studies/x.yaml");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Options --study and --study-file contradict each other; give one of them\n");
  }

  @Test
  void rejectsUnknownModel() {
    CommandResult result =
        CommandResult.run("explore", "--model", "gpt-5", "--system", "h200-nvl8");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).startsWith("afd: Unknown model 'gpt-5'. Known models: [deepseek-r1,");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void rejectsZeroGpus() {
    CommandResult result =
        CommandResult.run(
            "explore", "--model", "deepseek-v3", "--system", "h200-nvl8", "--gpus", "0");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --gpus must be between 1 and 131072 (the most devices afd models), got"
                + " '0'\n");
  }

  @Test
  void rejectsATimeWithoutUnit() {
    CommandResult result =
        CommandResult.run(
            "explore", "--model", "deepseek-v3", "--system", "h200-nvl8", "--ttft", "50");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --ttft: Cannot parse time span '50': a unit is required (ns, us, ms, s)\n");
  }

  @Test
  void rejectsContradictoryWorkloads() {
    CommandResult result =
        CommandResult.run(
            "explore",
            "--model",
            "deepseek-v3",
            "--system",
            "h200-nvl8",
            "--workload",
            "chat",
            "--isl",
            "100",
            "--osl",
            "10");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Options --workload and --prefix/--isl/--osl contradict each other; give a preset"
                + " or an explicit workload, not both\n");
  }

  @Test
  void rejectsAnUnwritableOutputDirectoryAndWritesNothing(@TempDir Path directory)
      throws Exception {
    Path file = Files.writeString(directory.resolve("a-file"), "x");
    Path out = file.resolve("run");
    CommandResult result =
        CommandResult.run(
            "explore", "--model", "deepseek-v3", "--system", "h200-nvl8", "--out", out.toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Cannot write to output directory '"
                + out
                + "': '"
                + file
                + "' is not a directory\n");
    try (var entries = Files.list(directory)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void rejectsAnUnknownConventionsProfile() {
    CommandResult result =
        CommandResult.run("explore", "--study", "paper-b200", "--conventions", "x");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: --conventions: unknown conventions profile 'x'; expected one of [afd, aic]\n");
  }

  @Test
  void namesTheConventionsInTheSummaryLineOnlyWhenTheyAreNotAfds() {
    String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + 2);
    args[SMALL.length] = "--convention";
    args[SMALL.length + 1] = "agg-ttft=aic";
    CommandResult result = CommandResult.run(args);
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("; conventions: afd+agg-ttft=aic)");
    assertThat(CommandResult.run(SMALL).out()).doesNotContain("conventions");
  }

  @Test
  void explainsTheOtherProfileInTheConsoleJsonAndOutputFiles(@TempDir Path directory) {
    String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + 4);
    args[SMALL.length] = "--attribution";
    args[SMALL.length + 1] = "--json";
    args[SMALL.length + 2] = "--out";
    args[SMALL.length + 3] = directory.toString();
    CommandResult result = CommandResult.run(args);
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("\"attribution\"").contains("\"from\" : \"afd\"");
    assertThat(directory.resolve("attribution.csv")).exists();
    assertThat(directory.resolve("attribution.json")).exists();
    String[] console = java.util.Arrays.copyOf(SMALL, SMALL.length + 1);
    console[SMALL.length] = "--attribution";
    assertThat(CommandResult.run(console).out())
        .contains("Why afd and aic disagree (study custom)")
        .contains("ASSUMPTION");
  }
}

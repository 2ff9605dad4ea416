package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExploreRefineTest {
  /** deepseek-v3 on one H200 node, agg at TP 8 / EP 8 and chunk 2048. */
  private static final List<String> AGG =
      List.of(
          "--model",
          "deepseek-v3",
          "--system",
          "h200-nvl8",
          "--gpus",
          "8",
          "--set",
          "agg.tp=8",
          "--set",
          "agg.dp=1",
          "--set",
          "agg.moe-tp=1",
          "--set",
          "agg.ep=8",
          "--set",
          "agg.chunk=2048");

  private static String[] explore(String ttft, String... more) {
    List<String> args = new ArrayList<>(List.of("explore", "--strategies", "agg"));
    args.addAll(AGG);
    args.addAll(
        List.of(
            "--set",
            "agg.batch=16,32",
            "--ttft",
            ttft,
            "--tpot",
            "40 ms",
            "--refine",
            "2",
            "--refine-requests",
            "200"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** {@return the refined row of a batch: after the search's table, so the last one naming it} */
  private static String row(List<String> lines, String batch) {
    return lines.stream()
        .filter(line -> line.contains(" batch=" + batch + " "))
        .reduce((first, last) -> last)
        .get();
  }

  /**
   * Both candidates meet a 2 s TTFT in closed form and in simulation, so the order stays the closed
   * form's; each simulated figure is the one {@code afd simulate --arrivals closed:N --requests
   * 200} prints for the same configuration (134.6 tokens/s/GPU at batch 32).
   */
  @Test
  void simulatesTheBestCandidatesAsSimulateDoes() {
    CommandResult result = CommandResult.run(explore("2 s"));
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    List<String> lines = result.outLines();
    assertThat(row(lines, "32"))
        .startsWith("agg          1        133.7        134.6    100.0   494.9 ms   27.74 ms")
        .contains("        134.6  tp=8");
    assertThat(row(lines, "16")).startsWith("agg          2         89.6         91.7    100.0");
    List<String> simulate = new ArrayList<>(List.of("simulate", "--strategy", "agg"));
    simulate.addAll(AGG);
    simulate.addAll(
        List.of("--set", "agg.batch=32", "--arrivals", "closed:32", "--requests", "200"));
    assertThat(CommandResult.run(simulate.toArray(String[]::new)).out())
        .contains("1077.0 tokens/s, 134.6 tokens/s/GPU");
  }

  /**
   * With TTFT ≤ 300 ms, batch 32 (the closed form's best) has only 87.5 % of its simulated requests
   * within the limits, under the 90 % asked: its goodput is 0 and batch 16 (95.5 %) ranks first.
   */
  @Test
  void reranksByGoodputAtThePercentile() {
    CommandResult result = CommandResult.run(explore("300 ms"));
    assertThat(result.status()).isZero();
    List<String> lines = result.outLines();
    assertThat(row(lines, "16"))
        .startsWith(
            "agg          1         89.6         91.7     95.5   126.9 ms   20.99 ms         91.7");
    assertThat(row(lines, "32"))
        .startsWith(
            "agg          2        133.7        134.6     87.5   494.9 ms   27.74 ms          0.0");
    CommandResult lenient = CommandResult.run(explore("300 ms", "--slo-percentile", "85"));
    assertThat(row(lenient.outLines(), "32"))
        .startsWith("agg          1        133.7        134.6");
  }

  @Test
  void rejectsABadPercentile() {
    CommandResult result = CommandResult.run(explore("2 s", "--slo-percentile", "0"));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --slo-percentile '0.0' must be a percent above 0 and at most 100\n");
  }
}

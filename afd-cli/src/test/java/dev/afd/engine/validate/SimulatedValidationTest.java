package dev.afd.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.simulate.Deployment;
import dev.afd.simulate.SimulationTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code afd validate --simulate} on rows small enough to derive by hand: one client, a 1024-token
 * prompt, a two-token answer, DeepSeek-V3 with one MTP draft (61 decoder layers, acceptance 0.92).
 */
class SimulatedValidationTest {
  private static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();
  private static final KernelCostModel TRTLLM =
      KernelCostModels.databases(ENGINE, null).orElseThrow().model("trtllm");
  private static final String HEADER = String.join(",", SiliconCsv.REQUIRED);

  /** One client, isl 1024, osl 2; agg tp 8 with 8 experts per rank (moe-tp 8), batch 1. */
  private static final String AGG_ONE_CLIENT =
      "agg-one,silicon_concurrency=1,trtllm,1.2,deepseek-ai/DeepSeek-V3,h200_sxm,agg,1024,2,"
          + "fp8,fp8,1,8,1,1,8,1,,,,,,,,,,,,,,,100,10";

  /** One client, isl 1024, osl 2; one prefill and one decode worker, tp 8 each, batch 1. */
  private static final String PD_ONE_CLIENT =
      "pd-one,silicon_concurrency=1,trtllm,1.2,deepseek-ai/DeepSeek-V3,h200_sxm,disagg,1024,2,"
          + "fp8,fp8,,,,,,,1,1,8,1,1,8,1,1,1,8,1,1,8,1,100,10";

  /** MTP: the step runs the 61 decoder layers and one MTP layer. */
  private static final double MTP_STEP_SCALE = 62.0 / 61.0;

  private static SiliconRow row(String line) {
    return SiliconCsv.parse("one.csv", HEADER + "\n" + line + "\n").get(0);
  }

  private static Validator simulating() {
    return Validator.simulating(
        ENGINE,
        TRTLLM,
        AnalyticalNetworkModel::new,
        ValidationAssumptions.DEFAULTS,
        ValidationSimulation.DEFAULTS);
  }

  /** {@return the deployment the validator simulates for the row, for its iteration prices} */
  private static Deployment deployment(SiliconRow row) {
    RowMapper.Attempt attempt =
        ((RowMapper.Mapped) new RowMapper(ENGINE).map(row)).attempts().get(0);
    Explorer explorer =
        Explorer.builder()
            .engine(ENGINE)
            .kernelCostModel(TRTLLM)
            .networkModels(AnalyticalNetworkModel::new)
            .threads(1)
            .build();
    return SimulationTarget.of(
            ENGINE,
            explorer,
            attempt.scenario(),
            attempt.run(),
            TRTLLM,
            new AnalyticalNetworkModel(attempt.scenario().cluster()))
        .deployment();
  }

  @Test
  void oneAggClientWaitsForNothing() {
    SiliconRow row = row(AGG_ONE_CLIENT);
    Deployment.Aggregated agg = (Deployment.Aggregated) deployment(row);
    // The client's request finds the rank idle: its whole prompt is one chunk (1024 < 8192), so
    // TTFT is one prefill iteration. The one token left takes ⌈1/1.92⌉ = 1 decode iteration of
    // 1 + 1 query tokens at context 1024. Both run the MTP layer on top of the 61 decoder layers.
    // All 10 requests are alike.
    double prefillMs = agg.pricer().iterationSeconds(0, 0, 1, 1024, 0) * MTP_STEP_SCALE * 1000;
    double decodeMs = agg.pricer().iterationSeconds(2, 1024, 0, 0, 0) * MTP_STEP_SCALE * 1000;
    RowResult result = simulating().validate(row);
    assertThat(result.reason()).isEmpty();
    assertThat(result.costModel()).isEqualTo("measured+simulated");
    assertThat(result.predictedTtftMs()).isCloseTo(prefillMs, withinPercentage(1e-9));
    assertThat(result.predictedTpotMs()).isCloseTo(decodeMs, withinPercentage(1e-9));
    assertThat(result.assumptions())
        .endsWith("simulated: closed loop of 1 clients, 10 requests each, seed 1");
    // One client never queues, so the closed form's TTFT is the same one prefill iteration.
    RowResult closedForm = new Validator(ENGINE, TRTLLM, AnalyticalNetworkModel::new).validate(row);
    assertThat(closedForm.predictedTtftMs()).isCloseTo(prefillMs, withinPercentage(1e-9));
  }

  @Test
  void onePdClientPaysPrefillTransferAndOneDecodeIteration() {
    SiliconRow row = row(PD_ONE_CLIENT);
    Deployment.Disaggregated pd = (Deployment.Disaggregated) deployment(row);
    // TTFT = one prefill step of the one prompt (no MTP layer in prefill workers) + its 1024
    // tokens' KV transfer; TPOT = one decode iteration, as above.
    double ttftMs =
        (pd.prefillPricer().iterationSeconds(0, 0, 1, 1024, 0)
                + pd.kvTransferSecondsPerToken() * 1024)
            * 1000;
    double decodeMs = pd.decodePricer().iterationSeconds(2, 1024, 0, 0, 0) * MTP_STEP_SCALE * 1000;
    RowResult result = simulating().validate(row);
    assertThat(result.reason()).isEmpty();
    assertThat(result.predictedTtftMs()).isCloseTo(ttftMs, withinPercentage(1e-9));
    assertThat(result.predictedTpotMs()).isCloseTo(decodeMs, withinPercentage(1e-9));
  }

  @Test
  void capsRequestsInWholeRoundsAndSaysSo() {
    // 16 clients × 10 requests exceed 40: ⌊40/16⌋ = 2 whole rounds.
    ValidationSimulation capped = new ValidationSimulation(1, 40);
    SiliconRow row = row(AGG_ONE_CLIENT.replace("concurrency=1,", "concurrency=16,"));
    RowResult result =
        Validator.simulating(
                ENGINE, TRTLLM, AnalyticalNetworkModel::new, ValidationAssumptions.DEFAULTS, capped)
            .validate(row);
    assertThat(result.assumptions())
        .endsWith(
            "simulated: closed loop of 16 clients, 2 requests each (capped from 10: at most 40"
                + " per row), seed 1");
  }

  @Test
  void gateReportsSimulatedBesideClosedFormAndOnlyReports(@TempDir Path directory)
      throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ValidationGate.run(
            new String[] {csv.toString(), "--simulate"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(text)
        .contains("kernel cost model: measured\n")
        .contains("kernel cost model: measured+simulated\n")
        .containsPattern(
            "simulated vs closed form \\(gated rows, report only; seed 1, at most 200000 requests"
                + " per row\\): closed form 2 rows, TTFT MAPE [0-9.]+ %, TPOT MAPE [0-9.]+ %;"
                + " simulated 2 rows, TTFT MAPE [0-9.]+ %, TPOT MAPE [0-9.]+ %\n");
  }
}

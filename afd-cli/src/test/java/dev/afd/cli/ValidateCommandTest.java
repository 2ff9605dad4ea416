package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.afd.engine.validate.SiliconCsvFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AfdCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void validatesSyntheticSampleEndToEnd(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Path out = directory.resolve("out");
    Result result = run("validate", "--silicon", csv.toString(), "--out", out.toString(), "--json");
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("rowsUsed").asInt()).isEqualTo(2);
    assertThat(json.get("rowsSkipped").asInt()).isEqualTo(1);
    assertThat(json.get("overall").get("ttftMape").asDouble()).isPositive();
    assertThat(json.get("overall").get("tpotMape").asDouble()).isPositive();
    assertThat(json.get("partitions")).hasSize(3);
    assertThat(
            json.get("rowsSkippedByReason")
                .get("model 'moonshotai/Kimi-K2.5' is not in the catalog")
                .asInt())
        .isEqualTo(1);
    // Measured by default (the shipped tables), then the roofline: a header and 3 rows each.
    List<String> lines = Files.readAllLines(out.resolve("validation.csv"));
    assertThat(lines).hasSize(7);
    assertThat(lines.subList(1, 4)).allMatch(line -> line.startsWith("measured,"));
    assertThat(lines.subList(4, 7)).allMatch(line -> line.startsWith("roofline,"));
    assertThat(Files.readString(out.resolve("validation.html"))).contains("<svg").contains("TTFT");
  }

  @Test
  void rooflineFlagLeavesOnlyTheRooflineRun(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Path out = directory.resolve("out");
    Result result =
        run("--roofline", "validate", "--silicon", csv.toString(), "--out", out.toString());
    assertThat(result.status()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("validation.csv"));
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4)).allMatch(line -> line.startsWith("roofline,"));
  }

  @Test
  void missingFileExitsTwoWithOneLine(@TempDir Path directory) {
    Path csv = directory.resolve("none.csv");
    Result result = run("validate", "--silicon", csv.toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("afd: Silicon file '" + csv + "' does not exist\n");
  }

  @Test
  void missingKernelDatabaseExitsTwo(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Path db = directory.resolve("db");
    Result result = run("validate", "--silicon", csv.toString(), "--kernel-db", db.toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("afd: Kernel database directory '" + db + "' does not exist\n");
  }

  @Test
  void statedAssumptionsShowInTheJsonSummary(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Result result = run("validate", "--silicon", csv.toString(), "--json", "--assume", "mtp=2");
    assertThat(result.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("assumed").get("mtp").asText()).isEqualTo("2");
    assertThat(json.get("constants").get("MTP draft tokens (DeepSeek-V3/R1)").asText())
        .isEqualTo("2 (--assume mtp)");
  }

  @Test
  void unknownAssumptionExitsTwoAndWritesNothing(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Path out = directory.resolve("out");
    Result result =
        run("validate", "--silicon", csv.toString(), "--out", out.toString(), "--assume", "mpt=2");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Assumption 'mpt' is not known; expected one of [mtp, mtp-acceptance,"
                + " tokens-per-iteration, requests-per-client, max-inferred-decode-batch]\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void simulateAddsTheSimulatedRunToEveryOutput(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Path out = directory.resolve("out");
    Result result =
        run(
            "validate",
            "--silicon",
            csv.toString(),
            "--out",
            out.toString(),
            "--json",
            "--simulate");
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    // The closed form stays the primary run; the simulated one follows it, then the roofline.
    assertThat(json.get("costModel").asText()).isEqualTo("measured");
    JsonNode simulated = json.get("otherCostModels").get(0);
    assertThat(simulated.get("costModel").asText()).isEqualTo("measured+simulated");
    assertThat(simulated.get("rowsUsed").asInt()).isEqualTo(2);
    assertThat(simulated.get("overall").get("ttftMape").asDouble()).isPositive();
    assertThat(simulated.get("overall").get("tpotMape").asDouble()).isPositive();
    assertThat(json.get("otherCostModels").get(1).get("costModel").asText()).isEqualTo("roofline");
    List<String> lines = Files.readAllLines(out.resolve("validation.csv"));
    assertThat(lines).hasSize(10);
    assertThat(lines.subList(4, 7)).allMatch(line -> line.startsWith("measured+simulated,"));
    assertThat(lines.get(4))
        .contains("simulated: closed loop of 16 clients, 10 requests each, seed 1");
    assertThat(Files.readString(out.resolve("validation.html")))
        .contains("Kernel cost model: measured+simulated");
  }

  @Test
  void nonPositiveSimulationCapExitsTwoWithOneLine(@TempDir Path directory) throws Exception {
    Path csv = directory.resolve("sample.csv");
    Files.writeString(csv, SiliconCsvFixtures.sample());
    Result result =
        run("validate", "--silicon", csv.toString(), "--simulate", "--simulate-max-requests", "0");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --simulate-max-requests '0' must be at least 1 (requests per row)\n");
  }
}

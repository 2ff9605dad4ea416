package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  private static List<String> agg(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "--model",
                "deepseek-v3",
                "--system",
                "h200-nvl8",
                "--gpus",
                "8",
                "--strategy",
                "agg",
                "--set",
                "agg.tp=8",
                "--set",
                "agg.dp=1",
                "--set",
                "agg.moe-tp=1",
                "--set",
                "agg.ep=8",
                "--set",
                "agg.batch=32",
                "--set",
                "agg.chunk=2048"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void simulatesAClosedLoopAndWritesEveryRequest(@TempDir Path directory) throws IOException {
    Path out = directory.resolve("simulation");
    CommandResult result =
        CommandResult.run(
            agg("--arrivals", "closed:4", "--requests", "200", "--out", out.toString())
                .toArray(String[]::new));
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.outLines().get(1))
        .isEqualTo(
            "agg tp=8 dp=1 moe-tp=1 ep=8 batch=32 chunk=2048 replicas=1 on 8 GPUs; arrivals"
                + " closed:4, 200 requests, seed 1");
    List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
    assertThat(rows).hasSize(201);
    assertThat(rows.get(0))
        .isEqualTo(
            "id,arrival_s,prefix_tokens,input_tokens,output_tokens,prefix_hit,ttft_s,tpot_s,"
                + "e2e_s,meets_slo");
    // Four clients start together: the first request arrives at 0 with the chat workload.
    assertThat(rows.get(1)).startsWith("0,0.0,4096,512,256,true,");
    assertThat(Files.readString(out.resolve("summary.json")))
        .contains("\"completed\" : 200")
        .contains("\"arrivals\" : \"closed:4\"");
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report)
        .startsWith("<!DOCTYPE html>")
        .contains("<h2>Latency CDFs</h2>", "data-series=\"TTFT\"", "data-series=\"TPOT\"")
        .contains("data-series=\"end to end\"", "data-series=\"KV reserved\"")
        .endsWith("</html>\n");
  }

  @Test
  void sameSeedPrintsTheSameSummary() {
    String first =
        CommandResult.run(
                agg("--arrivals", "poisson:2", "--requests", "300").toArray(String[]::new))
            .out();
    String second =
        CommandResult.run(
                agg("--arrivals", "poisson:2", "--requests", "300").toArray(String[]::new))
            .out();
    assertThat(second).isEqualTo(first).contains("300 requests, seed 1");
  }

  @Test
  void rejectsABadArrivalProcess() {
    CommandResult result =
        CommandResult.run(agg("--arrivals", "poisson:-3").toArray(String[]::new));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --arrivals 'poisson:-3' is not an arrival process; expected poisson:RATE"
                + " (requests/s > 0) or closed:N[:THINK] (N >= 1 clients, mean think time THINK"
                + " >= 0 s)\n");
  }

  @Test
  void rejectsABadLengthDistribution() {
    CommandResult result =
        CommandResult.run(
            agg("--arrivals", "closed:1", "--input-lengths", "uniform:9:3").toArray(String[]::new));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --input-lengths 'uniform:9:3' is not a length distribution; expected N,"
                + " fixed:N, uniform:LOW:HIGH (1 <= LOW <= HIGH) or lognormal:MEDIAN:SIGMA (MEDIAN"
                + " >= 1, SIGMA >= 0)\n");
  }

  @Test
  void rejectsABadTraceLine(@TempDir Path directory) throws IOException {
    Path trace = directory.resolve("trace.jsonl");
    Files.writeString(trace, "{\"arrival\": 0, \"input\": 10, \"output\": 5}\n{\"arrival\": 1}\n");
    CommandResult result =
        CommandResult.run(agg("--trace", trace.toString()).toArray(String[]::new));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Trace '"
                + trace
                + "' line 2: has no field 'input'; expected an integer number of tokens >= 1\n");
  }

  @Test
  void replaysAnAzureTraceAndRejectsItsBadRow(@TempDir Path directory) throws IOException {
    Path trace = directory.resolve("azure.csv");
    Files.writeString(
        trace,
        "TIMESTAMP,ContextTokens,GeneratedTokens\n"
            + "2023-11-16 18:15:46.6805900,4808,10\n"
            + "2023-11-16 18:15:50.9951690,3180,8\n");
    CommandResult result =
        CommandResult.run(
            agg("--trace", trace.toString(), "--trace-format", "azure").toArray(String[]::new));
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("arrivals azure-trace:" + trace + ", 2 requests");
    Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,4808,10\n");
    CommandResult bad =
        CommandResult.run(
            agg("--trace", trace.toString(), "--trace-format", "azure").toArray(String[]::new));
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "afd: Trace '"
                + trace
                + "' line 2: field 'TIMESTAMP' 'yesterday'; expected a time such as 2023-11-16"
                + " 18:15:46.6805900\n");
  }

  @Test
  void rejectsAnUnknownTraceFormat() {
    CommandResult result =
        CommandResult.run(
            agg("--trace", "t.csv", "--trace-format", "sharegpt").toArray(String[]::new));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --trace-format 'sharegpt' is not a trace format; expected one of [afd,"
                + " mooncake, azure]\n");
  }
}

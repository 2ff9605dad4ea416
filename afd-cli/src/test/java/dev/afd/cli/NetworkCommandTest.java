package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.unit.DataSize;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.json.Json;
import dev.afd.engine.network.NetworkEstimate;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NetworkCommandTest {
  private static final String[] ALL_TO_ALL = {
    "network",
    "estimate",
    "--system",
    "h200-nvl8",
    "--collective",
    "all-to-all",
    "--group",
    "64",
    "--bytes",
    "14 MiB"
  };

  private static String[] with(String... extra) {
    String[] args = new String[ALL_TO_ALL.length + extra.length];
    System.arraycopy(ALL_TO_ALL, 0, args, 0, ALL_TO_ALL.length);
    System.arraycopy(extra, 0, args, ALL_TO_ALL.length, extra.length);
    return args;
  }

  @Test
  void printsTheAnalyticalEstimateAsText() {
    CommandResult result = CommandResult.run(ALL_TO_ALL);

    NetworkEstimate.Result expected =
        NetworkEstimate.estimate(
            AfdEngine.builder().discoverPlugins().build().system("h200-nvl8"),
            CollectiveKind.ALL_TO_ALL,
            64,
            DataSize.parse("14 MiB"),
            false);
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out()).isEqualTo(expected.toText());
    assertThat(result.outLines().get(0))
        .startsWith("all-to-all over 64 devices of h200-nvl8, 14 MiB per device: ")
        .endsWith(" us (analytical, roofline, algorithm direct)");
    assertThat(result.outLines()).hasSize(4);
  }

  @Test
  void printsTheSimulatedEstimateAsJson() throws IOException {
    CommandResult analytical = CommandResult.run(with("--json"));
    CommandResult simulated = CommandResult.run(with("--simulate", "--json"));

    assertThat(simulated.err()).isEmpty();
    assertThat(simulated.status()).isZero();
    JsonNode json = Json.mapper().readTree(simulated.out());
    assertThat(json.get("system").asText()).isEqualTo("h200-nvl8");
    assertThat(json.get("collective").asText()).isEqualTo("all-to-all");
    assertThat(json.get("groupSize").asInt()).isEqualTo(64);
    assertThat(json.get("bytesPerDevice").asLong()).isEqualTo(14L << 20);
    assertThat(json.get("model").asText()).isEqualTo("simulated");
    assertThat(json.get("dimensions"))
        .extracting(dimension -> dimension.get("dimension").asText())
        .containsExactly("nvlink", "infiniband");
    JsonNode formula = Json.mapper().readTree(analytical.out());
    assertThat(formula.get("model").asText()).isEqualTo("analytical");
    // Nothing else shares the fabric, so the simulator agrees with the formula.
    assertThat(json.get("seconds").asDouble())
        .isCloseTo(
            formula.get("seconds").asDouble(), within(0.02 * formula.get("seconds").asDouble()));
  }

  @Test
  void rejectsBytesWithoutAUnit() {
    String[] args = ALL_TO_ALL.clone();
    args[args.length - 1] = "14";

    CommandResult result = CommandResult.run(args);

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --bytes: Cannot parse data size '14': a unit is required (B, kB, MB, GB,"
                + " TB, PB, KiB, MiB, GiB, TiB, PiB)\n");
  }

  @Test
  void rejectsAnUnknownCollective() {
    String[] args = ALL_TO_ALL.clone();
    args[5] = "alltoall";

    CommandResult result = CommandResult.run(args);

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Unknown collective 'alltoall'. Known collectives: [all-gather, all-reduce,"
                + " all-to-all, reduce-scatter]\n");
  }

  @Test
  void rejectsAnEmptyGroup() {
    String[] args = ALL_TO_ALL.clone();
    args[7] = "0";

    CommandResult result = CommandResult.run(args);

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --group must be between 1 and 131072 (the most devices afd models), got"
                + " '0'\n");
  }

  @Test
  void rejectsAnUnknownSystem() {
    String[] args = ALL_TO_ALL.clone();
    args[3] = "h200";

    CommandResult result = CommandResult.run(args);

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).startsWith("afd: Unknown system 'h200'. Known systems: [a100-nvl8, ");
  }

  @Test
  void requiresTheBytes() {
    CommandResult result =
        CommandResult.run(
            "network",
            "estimate",
            "--system",
            "h200-nvl8",
            "--collective",
            "all-reduce",
            "--group",
            "8");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Missing required option: '--bytes=SIZE' (see 'afd network estimate --help')\n");
  }
}

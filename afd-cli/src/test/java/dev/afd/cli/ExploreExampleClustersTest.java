package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cluster of the documented hardware files ({@code examples/hardware}) explores with every
 * default strategy: each strategy finds feasible deployments on the systems its device groups fit,
 * or says why not; none is an internal error.
 */
class ExploreExampleClustersTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "hardware");

  /** {@return (file, cluster id) for every multi-system cluster the example files define} */
  static Stream<Arguments> exampleClusters() throws IOException {
    List<Arguments> clusters = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(EXAMPLES)) {
      files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      AfdEngine engine = AfdEngine.builder().discoverPlugins().hardwareFiles(List.of(file)).build();
      for (ClusterSpec cluster : engine.clusters()) {
        if (cluster.systems().size() > 1) {
          clusters.add(
              Arguments.of(file.getFileName().toString() + " " + cluster.id(), file, cluster.id()));
        }
      }
    }
    return clusters.stream();
  }

  @Test
  void examplesDefineAMixedCluster() throws IOException {
    assertThat(exampleClusters()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleClusters")
  void everyDefaultStrategyRunsOrSaysWhyNot(String name, Path file, String cluster)
      throws IOException {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            file.toString(),
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            cluster,
            "--json",
            "--threads",
            "4");

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    JsonNode strategies =
        Json.mapper().readTree(result.out()).path("scenarios").path(0).path("strategies");
    List<String> ids = new ArrayList<>();
    for (JsonNode strategy : strategies) {
      String id = strategy.path("strategy").asText();
      ids.add(id);
      boolean feasible = strategy.path("feasible").asBoolean();
      assertThat(feasible || !strategy.path("reason").asText().isEmpty())
          .as("%s on %s is feasible or gives a reason: %s", id, cluster, strategy)
          .isTrue();
      // Every default strategy has deployments that fit on the H200 system of the examples.
      assertThat(strategy.path("feasibleCandidates").asLong())
          .as("feasible candidates of %s on %s", id, cluster)
          .isPositive();
    }
    assertThat(ids).containsExactlyElementsOf(StudySpec.referenceStrategies());
  }

  @Test
  void headerDescribesEverySystemOfAMixedCluster() {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            EXAMPLES.resolve("sram-npu.yaml").toString(),
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            "h200-attention-sram-npu-ffn",
            "--strategies",
            "agg-afd",
            "--threads",
            "4");

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.outLines().get(0))
        .startsWith(
            "qwen3-30b-a3b on h200-attention-sram-npu-ffn: 32 × nvidia-h200-sxm (h200-nvl8) + 64"
                + " × example-sram-npu (example-sram-npu-128), workload chat");
  }
}

package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code afd explore --cluster}: a multi-system cluster from a hardware file. */
class ExploreClusterTest {
  private static final String CLUSTER_FILE =
      "clusters:\n"
          + "  - id: h200-attention-b200-ffn\n"
          + "    systems: [{system: h200-nvl8, deviceCount: 8}, {system: b200-nvl8, deviceCount: 8}]\n"
          + "    crossSystemFabric: {name: ib, kind: switch, size: 2, bandwidthPerDirection: 400"
          + " Gbit/s, latency: 5 us}\n";

  private static Path clusterFile(Path directory) throws IOException {
    return Files.writeString(directory.resolve("cluster.yaml"), CLUSTER_FILE);
  }

  @Test
  void exploresEveryStrategyOnTheWholeCluster(@TempDir Path directory) throws IOException {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            clusterFile(directory).toString(),
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            "h200-attention-b200-ffn",
            "--strategies",
            "agg-afd",
            "--set",
            "agg-afd.ffn-system=b200-nvl8",
            "--threads",
            "1");

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out())
        .contains(
            "qwen3-30b-a3b on h200-attention-b200-ffn: 8 × nvidia-h200-sxm (h200-nvl8) + 8 ×"
                + " nvidia-b200 (b200-nvl8), workload chat")
        .contains("agg-afd");
  }

  @Test
  void estimatesOnACluster(@TempDir Path directory) throws IOException {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            clusterFile(directory).toString(),
            "estimate",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            "h200-attention-b200-ffn",
            "--strategy",
            "agg",
            "--set",
            "agg.system=b200-nvl8",
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

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    // The first line names the kernel cost model; the estimate follows.
    assertThat(result.outLines().get(0)).startsWith("kernel cost model: ");
    assertThat(result.outLines().get(1))
        .isEqualTo(
            "qwen3-30b-a3b on h200-attention-b200-ffn: 8 × nvidia-h200-sxm (h200-nvl8) + 8 ×"
                + " nvidia-b200 (b200-nvl8), workload chat, strategy agg: feasible");
    assertThat(result.outLines().get(2))
        .isEqualTo(
            "config: system=b200-nvl8 tp=1 dp=8 moe-tp=1 ep=8 batch=32 chunk=512 replicas=1");
  }

  @Test
  void rejectsABudgetLargerThanTheCluster(@TempDir Path directory) throws IOException {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            clusterFile(directory).toString(),
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            "h200-attention-b200-ffn",
            "--gpus",
            "32");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "afd: Option --gpus asks for 32 devices, but cluster 'h200-attention-b200-ffn' has 16;"
                + " give at most 16 or a larger cluster in the hardware file\n");
  }

  @Test
  void rejectsClusterTogetherWithSystem(@TempDir Path directory) throws IOException {
    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            clusterFile(directory).toString(),
            "explore",
            "--model",
            "qwen3-30b-a3b",
            "--cluster",
            "h200-attention-b200-ffn",
            "--system",
            "h200-nvl8");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("afd: Option --cluster replaces --system and --study; give one of them\n");
  }
}

package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareCommandTest {
  private static final String NPU =
      """
      accelerators:
        - id: acme-npu
          name: ACME NPU
          denseFlopRates: {bf16: 500 TFLOP/s, fp8: 1 PFLOP/s}
          memoryCapacityPerDevice: 64 GiB
          memoryBandwidth: 2 TB/s
      systems:
        - id: acme-npu-16
          description: 16 NPUs on a ring
          accelerator: acme-npu
          dimensions:
            - {name: ring, kind: ring, size: 16, bandwidthPerDirection: 200 GB/s, latency: 2 us}
      clusters:
        - id: h200-plus-npu
          systems: [h200-nvl8, {system: acme-npu-16, deviceCount: 32}]
          crossSystemFabric: {name: ethernet, kind: switch, size: 2, bandwidthPerDirection: 400 Gbit/s, latency: 10 us}
      """;

  @TempDir Path directory;

  private Path write(String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** {@return the KIND and ID columns of {@code afd hardware list}, header excluded} */
  private static List<List<String>> kindsAndIds(CommandResult result) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : result.outLines().subList(1, result.outLines().size())) {
      String[] cells = line.split("\\s+");
      rows.add(List.of(cells[0], cells[1]));
    }
    return rows;
  }

  private static List<String> ids(List<List<String>> rows, String kind) {
    return rows.stream().filter(row -> row.get(0).equals(kind)).map(row -> row.get(1)).toList();
  }

  @Test
  void listsAcceleratorsThenSystemsEachSortedById() {
    CommandResult result = CommandResult.run("hardware", "list");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.outLines().get(0))
        .startsWith("KIND         ID ")
        .contains("MEMORY BANDWIDTH", "DENSE FP8", "SCALE-OUT")
        .endsWith("DESCRIPTION");
    List<List<String>> rows = kindsAndIds(result);
    assertThat(rows).extracting(row -> row.get(0)).containsOnly("accelerator", "system");
    assertThat(rows.get(0)).containsExactly("accelerator", "amd-mi300x");
    assertThat(rows.get(rows.size() - 1).get(0)).isEqualTo("system");
    assertThat(rows.stream().map(row -> row.get(0)).distinct())
        .containsExactly("accelerator", "system");
    assertThat(ids(rows, "accelerator"))
        .isSorted()
        .containsSubsequence(
            "amd-mi300x", "aws-trainium2", "google-tpu-v5e", "intel-gaudi3", "nvidia-h200-sxm");
    assertThat(ids(rows, "system")).isSorted().contains("h200-nvl8");
  }

  @Test
  void listIsTheSameEveryRun() {
    assertThat(CommandResult.run("hardware", "list").out())
        .isEqualTo(CommandResult.run("hardware", "list").out());
  }

  @Test
  void listsJson() throws IOException {
    CommandResult result = CommandResult.run("hardware", "list", "--json");

    assertThat(result.status()).isZero();
    JsonNode first = Json.mapper().readTree(result.out()).get("hardware").get(0);
    assertThat(first.get("kind").asText()).isEqualTo("accelerator");
    assertThat(first.get("id").asText()).isEqualTo("amd-mi300x");
    assertThat(first.get("memory").asText()).isEqualTo("192 GiB");
  }

  @Test
  void showsAnAcceleratorAsJson() throws IOException {
    CommandResult result = CommandResult.run("hardware", "show", "nvidia-h200-sxm", "--json");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode json = Json.mapper().readTree(result.out());
    assertThat(json.get("kind").asText()).isEqualTo("accelerator");
    assertThat(json.get("id").asText()).isEqualTo("nvidia-h200-sxm");
    assertThat(json.get("memoryCapacityPerDevice").asText()).isEqualTo("141 GiB");
    assertThat(json.get("memoryBandwidth").asText()).isEqualTo("4.8 TB/s");
    assertThat(json.get("denseFlopRates").get("bf16").asText()).isEqualTo("989 TFLOP/s");
  }

  @Test
  void showsASystemAsJsonWithItsAccelerator() throws IOException {
    CommandResult result = CommandResult.run("hardware", "show", "h200-nvl8", "--json");

    assertThat(result.status()).isZero();
    JsonNode json = Json.mapper().readTree(result.out());
    assertThat(json.get("kind").asText()).isEqualTo("system");
    assertThat(json.get("accelerator").asText()).isEqualTo("nvidia-h200-sxm");
    assertThat(json.get("deviceCount").asInt()).isEqualTo(32);
    assertThat(json.get("acceleratorSpec").get("id").asText()).isEqualTo("nvidia-h200-sxm");
    assertThat(json.get("dimensions").get(0).get("name").asText()).isEqualTo("nvlink");
  }

  @Test
  void showsYamlByDefault() {
    CommandResult result = CommandResult.run("hardware", "show", "nvidia-h200-sxm");

    assertThat(result.status()).isZero();
    assertThat(result.outLines())
        .startsWith("kind: accelerator", "id: nvidia-h200-sxm", "name: NVIDIA H200 SXM 141GB")
        .contains("memoryBandwidth: 4.8 TB/s");
  }

  @Test
  void rejectsAnUnknownIdListingTheKnownOnes() {
    CommandResult result = CommandResult.run("hardware", "show", "h100");

    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    List<String> known = new ArrayList<>();
    engine.accelerators().forEach(accelerator -> known.add(accelerator.id()));
    engine.systems().forEach(system -> known.add(system.id()));
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: Unknown hardware 'h100'. Known accelerators, systems and clusters: "
                + known.stream().sorted().toList()
                + ". Run 'afd hardware list' to see them.\n");
  }

  @Test
  void hardwareFileEntriesJoinListAndShow() throws IOException {
    Path npu = write("npu.yaml", NPU);

    CommandResult list = CommandResult.run("--hardware-file", npu.toString(), "hardware", "list");
    CommandResult show =
        CommandResult.run(
            "hardware", "show", "h200-plus-npu", "--json", "--hardware-file", npu.toString());

    assertThat(list.status()).isZero();
    List<List<String>> rows = kindsAndIds(list);
    assertThat(ids(rows, "accelerator")).isSorted().contains("acme-npu");
    assertThat(ids(rows, "system")).isSorted().contains("acme-npu-16", "h200-nvl8");
    assertThat(show.status()).isZero();
    JsonNode cluster = Json.mapper().readTree(show.out());
    assertThat(cluster.get("kind").asText()).isEqualTo("cluster");
    assertThat(cluster.get("systems").get(1).get("system").asText()).isEqualTo("acme-npu-16");
    assertThat(cluster.get("systems").get(1).get("deviceCount").asInt()).isEqualTo(32);
  }

  @Test
  void hardwareFilesAreRepeatableAndMayReferToEarlierOnes() throws IOException {
    Path npu = write("npu.yaml", NPU.substring(0, NPU.indexOf("clusters:")));
    Path cluster =
        write(
            "cluster.json",
            """
        {"clusters": [{"id": "npu-only", "systems": ["acme-npu-16"]}]}
        """);

    CommandResult result =
        CommandResult.run(
            "--hardware-file",
            npu.toString(),
            "--hardware-file",
            cluster.toString(),
            "hardware",
            "show",
            "npu-only",
            "--json");

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(Json.mapper().readTree(result.out()).get("crossSystemFabric").get("name").asText())
        .isEqualTo("ring");
  }

  @Test
  void aBadHardwareFileExitsWithOneLine() throws IOException {
    Path bad = write("bad.yaml", NPU.replace("memoryBandwidth: 2 TB/s", "memoryBandwidth: 80 GB"));

    CommandResult result = CommandResult.run("--hardware-file", bad.toString(), "hardware", "list");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: hardware file '"
                + bad
                + "': accelerators[0].memoryBandwidth: Cannot parse byte rate '80 GB': 'GB' is a"
                + " unit of data size, not of byte rate; expected one of B/s, kB/s, MB/s, GB/s,"
                + " TB/s, KiB/s, MiB/s, GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s\n");
  }

  @Test
  void aMissingHardwareFileExitsWithOneLine() {
    CommandResult result = CommandResult.run("hardware", "list", "--hardware-file", "missing.yaml");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("afd: hardware file 'missing.yaml' does not exist\n");
  }

  @Test
  void aMissingPluginJarExitsWithOneLine() {
    CommandResult result = CommandResult.run("--plugin-path", "missing.jar", "hardware", "list");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: Plugin path 'missing.jar' does not exist; expected a jar file or a directory of"
                + " jars\n");
  }

  @Test
  void theExampleSramNpuFileLoads() throws IOException {
    // Surefire runs in afd-cli/, the example lives at the repository root.
    String example = Path.of("..", "examples", "hardware", "sram-npu.yaml").toString();

    CommandResult list = CommandResult.run("--hardware-file", example, "hardware", "list");
    CommandResult show =
        CommandResult.run(
            "--hardware-file",
            example,
            "hardware",
            "show",
            "h200-attention-sram-npu-ffn",
            "--json");

    assertThat(list.err()).isEmpty();
    List<List<String>> rows = kindsAndIds(list);
    assertThat(ids(rows, "accelerator")).contains("example-sram-npu");
    assertThat(ids(rows, "system")).contains("example-sram-npu-128");
    assertThat(show.err()).isEmpty();
    JsonNode cluster = Json.mapper().readTree(show.out());
    assertThat(cluster.get("systems"))
        .extracting(system -> system.get("system").asText() + " x" + system.get("deviceCount"))
        .containsExactly("h200-nvl8 x32", "example-sram-npu-128 x64");
  }
}

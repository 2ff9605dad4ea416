package dev.afd.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.spi.HardwareProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AfdEngineHardwareFilesTest {
  private static final String NPU =
      """
      accelerators:
        - id: acme-npu
          denseFlopRates: {bf16: 500 TFLOP/s}
          memoryCapacityPerDevice: 64 GiB
          memoryBandwidth: 2 TB/s
      systems:
        - id: acme-npu-16
          accelerator: acme-npu
          dimensions:
            - {name: ring, kind: ring, size: 16, bandwidthPerDirection: 200 GB/s, latency: 2 us}
      """;

  private static final String CLUSTER =
      """
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

  private static AfdEngine.Builder builder() {
    return AfdEngine.builder().addHardwareProvider(new TestingHardwareProvider());
  }

  @Test
  void fileEntriesJoinTheDiscoveredHardwareForLookupsAndListings() throws IOException {
    Path npu = write("npu.yaml", NPU);
    Path cluster = write("cluster.yaml", CLUSTER);

    AfdEngine engine = builder().hardwareFiles(List.of(npu, cluster)).build();

    assertThat(engine.accelerators())
        .extracting(AcceleratorSpec::id)
        .containsExactly("acme-npu", "nvidia-h200-sxm");
    assertThat(engine.systems())
        .extracting(SystemSpec::id)
        .containsExactly("acme-npu-16", "h200-nvl8");
    assertThat(engine.accelerator("acme-npu").memoryBandwidth().bytesPerSecond()).isEqualTo(2e12);
    assertThat(engine.system("acme-npu-16").accelerator())
        .isEqualTo(engine.accelerator("acme-npu"));
    ClusterSpec joined = engine.cluster("h200-plus-npu");
    assertThat(joined.systems()).extracting(SystemSpec::deviceCount).containsExactly(32, 32);
    assertThat(engine.clusters()).containsExactly(joined);
    assertThat(engine.hardwareFiles()).containsExactly(npu, cluster);
    assertThat(engine.hardwareLookup().clusterIds()).containsExactly("h200-plus-npu");
  }

  @Test
  void unknownIdsListWhatTheFilesAdded() throws IOException {
    AfdEngine engine = builder().hardwareFiles(List.of(write("npu.yaml", NPU))).build();

    assertThatThrownBy(() -> engine.system("x"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Unknown system 'x'. Known systems: [acme-npu-16, h200-nvl8]");
    assertThatThrownBy(() -> engine.cluster("x"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Unknown cluster 'x': no clusters are installed. Add a hardware file that defines"
                + " clusters.");
  }

  @Test
  void laterFilesCannotRedefineEarlierIds() throws IOException {
    Path npu = write("npu.yaml", NPU);
    Path again = write("again.yaml", NPU);

    assertThatThrownBy(() -> builder().hardwareFiles(List.of(npu, again)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "hardware file '"
                + again
                + "': accelerators[0].id: 'acme-npu' is already a known accelerator; choose"
                + " another id or refer to it");
  }

  @Test
  void rejectsAClusterIdThatIsAlreadyKnown() throws IOException {
    Path npu = write("npu.yaml", NPU);
    Path cluster = write("cluster.yaml", CLUSTER);
    Path again = write("again.yaml", CLUSTER);

    assertThatThrownBy(() -> builder().hardwareFiles(List.of(npu, cluster, again)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "hardware file '"
                + again
                + "': clusters[0].id: 'h200-plus-npu' is already a known cluster; choose another"
                + " id");
  }

  @Test
  void rejectsAClusterIdRepeatedInOneFile() throws IOException {
    Path npu = write("npu.yaml", NPU);
    String twice = CLUSTER + CLUSTER.substring(CLUSTER.indexOf('\n') + 1);
    Path cluster = write("cluster.yaml", twice);

    assertThatThrownBy(() -> builder().hardwareFiles(List.of(npu, cluster)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "hardware file '" + cluster + "': clusters[1].id: repeats cluster id 'h200-plus-npu'");
  }

  @Test
  void reportsAMissingFile() {
    Path missing = directory.resolve("missing.yaml");

    assertThatThrownBy(() -> builder().hardwareFiles(List.of(missing)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("hardware file '" + missing + "' does not exist");
  }

  /** Contributes the H200 and its NVL8 system, as the built-in catalog would. */
  static final class TestingHardwareProvider implements HardwareProvider {
    @Override
    public String id() {
      return "testing-hardware";
    }

    @Override
    public List<AcceleratorSpec> accelerators() {
      return List.of(TestingHardware.H200);
    }

    @Override
    public List<SystemSpec> systems() {
      return List.of(TestingHardware.H200_NVL8);
    }
  }
}

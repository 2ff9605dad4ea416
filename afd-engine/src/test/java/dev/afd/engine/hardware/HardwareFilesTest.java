package dev.afd.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HardwareFilesTest {
  private static final String NPU =
      """
      # A custom NPU, a system of it, one of a built-in GPU, and both joined by Ethernet.
      accelerators:
        - id: acme-npu
          name: ACME NPU
          vendor: ACME
          denseFlopRates: {bf16: 500 TFLOP/s, fp8: 1 PFLOP/s}
          memoryCapacityPerDevice: 64 GiB
          memoryBandwidth: 2 TB/s
          onChipMemory: 128 MiB
          scaleUpBandwidthPerDirection: 200 GB/s
          scaleOutBandwidthPerDirection: 400 Gbit/s
          thermalDesignPowerWatts: 500
          pricePerHourUsd: 1.25
          computeEfficiency: 0.7
          kernelOverhead: 5 us
          source: ACME NPU datasheet
      systems:
        - id: acme-npu-16
          description: 16 NPUs on a ring
          accelerator: acme-npu
          dimensions:
            - {name: ring, kind: ring, size: 16, bandwidthPerDirection: 200 GB/s, latency: 2 us}
            - {name: ethernet, kind: switch, size: 2, bandwidthPerDirection: 400 Gbit/s, latency: 10 us}
        - id: h200-pair
          accelerator: nvidia-h200-sxm
          dimensions:
            - {name: nvlink, kind: switch, size: 2, bandwidthPerDirection: 450 GB/s, latency: 1 us}
      clusters:
        - id: h200-plus-npu
          systems: [h200-nvl8, {system: acme-npu-16, deviceCount: 64}]
          crossSystemFabric: {name: ethernet, kind: switch, size: 2, bandwidthPerDirection: 400 Gbit/s, latency: 10 us}
      """;

  @TempDir Path directory;

  private Path write(String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsAcceleratorsSystemsAndAHeterogeneousCluster() throws IOException {
    HardwareFile content = HardwareFiles.read(write("npu.yaml", NPU), TestingHardware.LOOKUP);

    AcceleratorSpec npu = content.accelerators().get(0);
    assertThat(npu.id()).isEqualTo("acme-npu");
    assertThat(npu.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("1000 TFLOP/s"));
    assertThat(npu.memoryCapacityPerDevice()).isEqualTo(DataSize.ofGibibytes(64));
    assertThat(npu.memoryBandwidth()).isEqualTo(ByteRate.ofTerabytesPerSecond(2));
    assertThat(npu.scaleOutBandwidthPerDirection()).isEqualTo(ByteRate.ofGigabitsPerSecond(400));
    assertThat(npu.computeEfficiency()).isEqualTo(0.7);
    assertThat(npu.memoryEfficiency()).isEqualTo(0.8);
    assertThat(npu.kernelOverhead()).isEqualTo(TimeSpan.ofMicros(5));

    assertThat(content.systems())
        .extracting(SystemSpec::id)
        .containsExactly("acme-npu-16", "h200-pair");
    assertThat(content.systems().get(1).accelerator()).isEqualTo(TestingHardware.H200);
    assertThat(content.systems().get(0).dimensions().get(0).kind()).isEqualTo(DimensionKind.RING);

    ClusterSpec cluster = content.clusters().get(0);
    assertThat(cluster.systems())
        .extracting(SystemSpec::id)
        .containsExactly("h200-nvl8", "acme-npu-16");
    assertThat(cluster.primary()).isEqualTo(TestingHardware.H200_NVL8);
    assertThat(cluster.systems().get(1).deviceCount()).isEqualTo(64);
    assertThat(cluster.deviceCount()).isEqualTo(96);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void roundTrips(String name) throws IOException {
    HardwareFile first = HardwareFiles.read(write("npu.yaml", NPU), TestingHardware.LOOKUP);
    Path copy = directory.resolve(name);
    HardwareFiles.write(first, copy);
    HardwareFile second = HardwareFiles.read(copy, TestingHardware.LOOKUP);
    assertThat(second).isEqualTo(first);
    HardwareFiles.write(second, copy);
    assertThat(HardwareFiles.read(copy, TestingHardware.LOOKUP)).isEqualTo(first);
  }

  static Stream<String> formats() {
    return Stream.of("copy.yaml", "copy.json");
  }

  @Test
  void writesCanonicalUnitStrings() throws IOException {
    HardwareFile content = HardwareFiles.read(write("npu.yaml", NPU), TestingHardware.LOOKUP);
    String yaml = HardwareFiles.format(content, false);
    assertThat(yaml)
        .startsWith("accelerators:\n- id: acme-npu\n")
        .contains("  memoryCapacityPerDevice: 64 GiB\n")
        .contains("  memoryBandwidth: 2 TB/s\n")
        .contains("    fp8: 1 PFLOP/s\n")
        .contains("    latency: 10 us\n");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "missing memory bandwidth",
            "    memoryBandwidth: 2 TB/s\n",
            "",
            "accelerators[0].memoryBandwidth: is required"),
        Arguments.of(
            "zero capacity",
            "memoryCapacityPerDevice: 64 GiB",
            "memoryCapacityPerDevice: 0 GiB",
            "accelerators[0].memoryCapacityPerDevice: must be > 0, got '0 B'"),
        Arguments.of(
            "unknown precision",
            "fp8: 1 PFLOP/s",
            "fp12: 1 PFLOP/s",
            "accelerators[0].denseFlopRates.fp12: Unknown precision 'fp12'. Known precisions:"
                + " [bf16, fp16, fp32, fp8, fp8-block, int4, int8, mxfp4, nvfp4]"),
        Arguments.of(
            "GB where GB/s is needed",
            "memoryBandwidth: 2 TB/s",
            "memoryBandwidth: 80 GB",
            "accelerators[0].memoryBandwidth: Cannot parse byte rate '80 GB': 'GB' is a unit of"
                + " data size, not of byte rate; expected one of B/s, kB/s, MB/s, GB/s, TB/s,"
                + " KiB/s, MiB/s, GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s"),
        Arguments.of(
            "negative latency",
            "latency: 2 us",
            "latency: -2 us",
            "systems[0].dimensions[0].latency: Cannot parse time span '-2 us': the value must not"
                + " be negative"),
        Arguments.of(
            "dimension of size 0",
            "size: 16",
            "size: 0",
            "systems[0].dimensions[0].size: must be >= 1, got '0'"),
        Arguments.of(
            "missing dimension bandwidth",
            "size: 16, bandwidthPerDirection: 200 GB/s,",
            "size: 16,",
            "systems[0].dimensions[0].bandwidthPerDirection: is required"),
        Arguments.of(
            "unknown field",
            "memoryBandwidth: 2 TB/s",
            "memoryBandwith: 2 TB/s",
            "accelerators[0].memoryBandwith: unknown field; known fields: [computeEfficiency,"
                + " denseFlopRates, id, kernelOverhead, memoryBandwidth, memoryCapacityPerDevice,"
                + " memoryEfficiency, name, onChipBandwidth, onChipMemory, pricePerHourUsd,"
                + " scaleOutBandwidthPerDirection, scaleUpBandwidthPerDirection, source,"
                + " thermalDesignPowerWatts, vendor]"),
        Arguments.of(
            "efficiency above 1",
            "computeEfficiency: 0.7",
            "computeEfficiency: 1.5",
            "accelerators[0].computeEfficiency: must be in (0, 1], got '1.5'"),
        Arguments.of(
            "unknown dimension kind",
            "kind: ring",
            "kind: mesh",
            "systems[0].dimensions[0].kind: unknown dimension kind 'mesh'; known kinds: [switch,"
                + " ring, fully-connected, torus-axis]"),
        Arguments.of(
            "unknown accelerator",
            "accelerator: nvidia-h200-sxm",
            "accelerator: nvidia-h300",
            "systems[1].accelerator: unknown accelerator 'nvidia-h300'. Known accelerators:"
                + " [acme-npu, nvidia-h200-sxm]"),
        Arguments.of(
            "unknown system in a cluster",
            "systems: [h200-nvl8,",
            "systems: [h100-nvl8,",
            "clusters[0].systems[0]: unknown system 'h100-nvl8'. Known systems: [acme-npu-16,"
                + " h200-nvl8, h200-pair]"),
        Arguments.of(
            "deviceCount above the device limit",
            "deviceCount: 64}",
            "deviceCount: 200000}",
            "clusters[0].systems[1].deviceCount: must be at most 131072 (the most devices afd"
                + " models), got '200000'"),
        Arguments.of(
            "deviceCount not a whole number of outermost units",
            "deviceCount: 64}",
            "deviceCount: 60}",
            "clusters[0].systems[1].deviceCount: must be a multiple of 16 (the devices inside one"
                + " unit of the outermost dimension of system 'acme-npu-16'), got '60'"),
        Arguments.of(
            "two systems without a fabric",
            "    crossSystemFabric: {name: ethernet, kind: switch, size: 2,"
                + " bandwidthPerDirection: 400 Gbit/s, latency: 10 us}\n",
            "",
            "clusters[0].crossSystemFabric: is required when a cluster joins more than one"
                + " system"),
        Arguments.of(
            "invalid id",
            "id: acme-npu\n",
            "id: ACME_NPU\n",
            "accelerators[0].id: accelerator id must be lower-case kebab-case"
                + " ([a-z0-9]+(-[a-z0-9]+)*, at most 64 characters), got 'ACME_NPU'"),
        Arguments.of(
            "a built-in id redefined",
            "id: h200-pair",
            "id: h200-nvl8",
            "systems[1].id: 'h200-nvl8' is already a known system; choose another id or refer"
                + " to it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFilesFailWithMessagesNamingFileAndField(
      String name, String original, String replacement, String problem) throws IOException {
    assertThat(NPU).contains(original);
    Path file = write("npu.yaml", NPU.replace(original, replacement));
    assertThatThrownBy(() -> HardwareFiles.read(file, TestingHardware.LOOKUP))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("hardware file '" + file + "': " + problem);
  }

  @Test
  void reportsMissingEmptyAndMalformedFiles() throws IOException {
    Path missing = directory.resolve("missing.yaml");
    assertThatThrownBy(() -> HardwareFiles.read(missing))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("hardware file '" + missing + "' does not exist");
    Path empty = write("empty.yaml", "# nothing\n");
    assertThatThrownBy(() -> HardwareFiles.read(empty))
        .hasMessage(
            "hardware file '"
                + empty
                + "' is empty; expected a mapping with accelerators, systems, clusters");
    Path unknownTop = write("top.json", "{\"accelerator\": []}");
    assertThatThrownBy(() -> HardwareFiles.read(unknownTop))
        .hasMessage(
            "hardware file '"
                + unknownTop
                + "': accelerator: unknown field; known fields: [accelerators, clusters, systems]");
    Path text = write("npu.txt", "accelerators: []");
    assertThatThrownBy(() -> HardwareFiles.read(text))
        .hasMessage(
            "hardware file '"
                + text
                + "': unknown format; expected a file name ending in .yaml, .yml or .json");
    Path broken = write("broken.json", "{\"accelerators\": [}");
    assertThatThrownBy(() -> HardwareFiles.read(broken))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "hardware file '"
                + broken
                + "': line 1, column 19: Unexpected close marker '}': expected ']'");
  }
}

package dev.afd.plugin.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.plugin.hardware.amd.AmdHardwareProvider;
import dev.afd.plugin.hardware.aws.AwsHardwareProvider;
import dev.afd.plugin.hardware.google.GoogleHardwareProvider;
import dev.afd.plugin.hardware.intel.IntelHardwareProvider;
import dev.afd.plugin.hardware.nvidia.NvidiaHardwareProvider;
import dev.afd.spi.HardwareProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInHardwareTest {

  static List<HardwareProvider> providers() {
    return List.of(
        new NvidiaHardwareProvider(),
        new AmdHardwareProvider(),
        new GoogleHardwareProvider(),
        new IntelHardwareProvider(),
        new AwsHardwareProvider());
  }

  static Stream<SystemSpec> systems() {
    return providers().stream().flatMap(provider -> provider.systems().stream());
  }

  @Test
  void serviceLoaderFindsEveryVendor() {
    List<String> ids =
        ServiceLoader.load(HardwareProvider.class).stream()
            .map(provider -> provider.get().id())
            .sorted()
            .toList();
    assertThat(ids).containsExactly("amd", "aws", "google", "intel", "nvidia");
  }

  @Test
  void catalogHoldsEveryAcceleratorOfTheIssue() {
    List<String> ids =
        providers().stream()
            .flatMap(provider -> provider.accelerators().stream())
            .map(AcceleratorSpec::id)
            .toList();
    assertThat(ids)
        .containsExactly(
            "nvidia-a100-sxm-80gb",
            "nvidia-b200",
            "nvidia-b300",
            "nvidia-gb200",
            "nvidia-gb300",
            "nvidia-h100-sxm",
            "nvidia-h20",
            "nvidia-h200-sxm",
            "nvidia-h800-sxm",
            "amd-mi300x",
            "amd-mi325x",
            "amd-mi355x",
            "google-tpu-v5e",
            "google-tpu-v5p",
            "google-tpu-v6e",
            "google-tpu-v7",
            "intel-gaudi3",
            "aws-trainium2");
  }

  @Test
  void catalogHoldsEverySystemOfTheIssue() {
    assertThat(systems().map(SystemSpec::id))
        .containsExactly(
            "a100-nvl8",
            "b200-nvl8",
            "b300-nvl8",
            "gb200-nvl72",
            "gb300-nvl72",
            "h100-nvl8",
            "h20-nvl8",
            "h200-nvl8",
            "h800-nvl8",
            "mi300x-8",
            "mi325x-8",
            "mi355x-8",
            "tpu-v5e",
            "tpu-v5p",
            "tpu-v6e",
            "tpu-v7",
            "gaudi3-8",
            "trn2-16");
  }

  @Test
  void everyAcceleratorCitesItsSources() {
    providers().stream()
        .flatMap(provider -> provider.accelerators().stream())
        .forEach(
            accelerator ->
                assertThat(accelerator.source()).as(accelerator.id()).contains("https://"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void systemDimensionsMatchTheAcceleratorInterconnect(SystemSpec system) {
    AcceleratorSpec accelerator = system.accelerator();
    List<NetworkDimension> dimensions = system.dimensions();
    double torusBandwidth =
        dimensions.stream()
            .filter(dimension -> dimension.kind() == DimensionKind.TORUS_AXIS)
            .mapToDouble(dimension -> dimension.bandwidthPerDirection().bytesPerSecond())
            .sum();
    if (torusBandwidth > 0) {
      // The torus axes share the chip's scale-up bandwidth.
      assertThat(torusBandwidth)
          .isCloseTo(accelerator.scaleUpBandwidthPerDirection().bytesPerSecond(), within(1.0));
    } else {
      assertThat(dimensions.get(0).bandwidthPerDirection())
          .isEqualTo(accelerator.scaleUpBandwidthPerDirection());
    }
    NetworkDimension outermost = dimensions.get(dimensions.size() - 1);
    if (outermost.kind() == DimensionKind.SWITCH && dimensions.size() > 1) {
      assertThat(outermost.bandwidthPerDirection())
          .isEqualTo(accelerator.scaleOutBandwidthPerDirection());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void withDeviceCountResizesTheOutermostDimension(SystemSpec system) {
    int inner =
        system.deviceCount() / system.dimensions().get(system.dimensions().size() - 1).size();
    SystemSpec resized = system.withDeviceCount(inner * 3);
    assertThat(resized.deviceCount()).isEqualTo(inner * 3);
    assertThat(resized.devicesPerNode()).isEqualTo(system.devicesPerNode());
  }

  @Test
  void defaultClusterSizes() {
    assertThat(systems())
        .extracting(system -> system.id() + "=" + system.deviceCount())
        .containsExactly(
            "a100-nvl8=32",
            "b200-nvl8=32",
            "b300-nvl8=32",
            "gb200-nvl72=72",
            "gb300-nvl72=72",
            "h100-nvl8=32",
            "h20-nvl8=32",
            "h200-nvl8=32",
            "h800-nvl8=32",
            "mi300x-8=32",
            "mi325x-8=32",
            "mi355x-8=32",
            "tpu-v5e=64",
            "tpu-v5p=64",
            "tpu-v6e=64",
            "tpu-v7=64",
            "gaudi3-8=32",
            "trn2-16=32");
  }
}

package dev.afd.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareDescriptionTest {

  @Test
  void listRowsFormatUnits() {
    List<HardwareDescription.Row> rows =
        HardwareDescription.rows(List.of(TestingHardware.H200), List.of(TestingHardware.H200_NVL8));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).cells())
        .containsExactly(
            "accelerator",
            "nvidia-h200-sxm",
            "nvidia-h200-sxm",
            "1",
            "141 GiB",
            "4.8 TB/s",
            "989 TFLOP/s",
            "1.979 PFLOP/s",
            "-",
            "450 GB/s",
            "50 GB/s",
            "NVIDIA H200 SXM 141GB");
    assertThat(rows.get(1).cells().subList(0, 4))
        .containsExactly("system", "h200-nvl8", "nvidia-h200-sxm", "32");
    assertThat(HardwareDescription.HEADERS).hasSameSizeAs(rows.get(0).cells());
  }

  @Test
  void showAcceleratorUsesHardwareFileFields() {
    Map<String, Object> shown = HardwareDescription.show(TestingHardware.H200);
    assertThat(shown.keySet())
        .containsExactly(
            "kind",
            "id",
            "name",
            "vendor",
            "denseFlopRates",
            "memoryCapacityPerDevice",
            "memoryBandwidth",
            "onChipMemory",
            "onChipBandwidth",
            "scaleUpBandwidthPerDirection",
            "scaleOutBandwidthPerDirection",
            "thermalDesignPowerWatts",
            "pricePerHourUsd",
            "computeEfficiency",
            "memoryEfficiency",
            "kernelOverhead",
            "source");
    assertThat(shown)
        .containsEntry("kind", "accelerator")
        .containsEntry("memoryCapacityPerDevice", "141 GiB");
    assertThat(shown.get("denseFlopRates"))
        .isEqualTo(Map.of("bf16", "989 TFLOP/s", "fp8", "1.979 PFLOP/s"));
  }

  @Test
  void showSystemAddsDeviceCountsAndTheAccelerator() {
    Map<String, Object> shown = HardwareDescription.show(TestingHardware.H200_NVL8);
    assertThat(shown.keySet())
        .containsExactly(
            "kind",
            "id",
            "description",
            "accelerator",
            "dimensions",
            "deviceCount",
            "devicesPerNode",
            "acceleratorSpec");
    assertThat(shown)
        .containsEntry("deviceCount", 32)
        .containsEntry("devicesPerNode", 8)
        .containsEntry("accelerator", "nvidia-h200-sxm");
    assertThat(shown.get("dimensions"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "nvlink",
                    "kind",
                    "switch",
                    "size",
                    8,
                    "bandwidthPerDirection",
                    "450 GB/s",
                    "latency",
                    "1 us"),
                Map.of(
                    "name",
                    "infiniband",
                    "kind",
                    "switch",
                    "size",
                    4,
                    "bandwidthPerDirection",
                    "50 GB/s",
                    "latency",
                    "5 us")));
  }
}

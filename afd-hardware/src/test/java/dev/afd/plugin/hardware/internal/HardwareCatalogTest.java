package dev.afd.plugin.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdPluginException;
import dev.afd.api.unit.ByteRate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareCatalogTest {
  private static final String RESOURCE = "test/hardware.catalog";

  private static List<String> catalog(String... replacements) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "[defaults]",
                "vendor = ACME",
                "",
                "[accelerator acme-npu]",
                "name = ACME NPU",
                "denseFlopRates.bf16 = 500 TFLOP/s",
                "memoryCapacityPerDevice = 64 GiB",
                "memoryBandwidth = 2 TB/s",
                "scaleUpBandwidthPerDirection = 200 GB/s",
                "scaleOutBandwidthPerDirection = 400 Gbit/s",
                "source = ACME datasheet, https://acme.example/npu",
                "",
                "[system acme-16]",
                "description = 16 NPUs",
                "accelerator = acme-npu",
                "dimension = ring, ring, 16, 200 GB/s, 2 us"));
    for (int index = 0; index < replacements.length; index += 2) {
      int line = Integer.parseInt(replacements[index]) - 1;
      lines.set(line, replacements[index + 1]);
    }
    return lines;
  }

  @Test
  void parsesAcceleratorsAndSystems() {
    HardwareCatalog catalog = HardwareCatalog.parse(RESOURCE, catalog());
    assertThat(catalog.accelerator("acme-npu").vendor()).isEqualTo("ACME");
    assertThat(catalog.accelerator("acme-npu").memoryBandwidth())
        .isEqualTo(ByteRate.parse("2 TB/s"));
    assertThat(catalog.system("acme-16").deviceCount()).isEqualTo(16);
  }

  @Test
  void namesResourceLineSectionAndKeyOfABadValue() {
    assertThatThrownBy(
            () -> HardwareCatalog.parse(RESOURCE, catalog("8", "memoryBandwidth = 2 TB")))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 8: [accelerator acme-npu]"
                + " memoryBandwidth: Cannot parse byte rate '2 TB': 'TB' is a unit of data size,"
                + " not of byte rate; expected one of B/s, kB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s,"
                + " GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s");
  }

  @Test
  void rejectsMissingAndUnknownKeys() {
    assertThatThrownBy(() -> HardwareCatalog.parse(RESOURCE, catalog("8", "# none")))
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 4: [accelerator acme-npu]"
                + " memoryBandwidth: is required");
    assertThatThrownBy(
            () -> HardwareCatalog.parse(RESOURCE, catalog("8", "memoryBandwith = 2 TB/s")))
        .hasMessageStartingWith(
            "hardware catalog 'test/hardware.catalog' line 8: [accelerator acme-npu]"
                + " memoryBandwith: unknown key; known keys: [computeEfficiency,");
  }

  @Test
  void rejectsUnknownPrecisionsAcceleratorsAndDimensionKinds() {
    assertThatThrownBy(
            () -> HardwareCatalog.parse(RESOURCE, catalog("6", "denseFlopRates.fp12 = 1 PFLOP/s")))
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 6: [accelerator acme-npu]"
                + " denseFlopRates.fp12: Unknown precision 'fp12'. Known precisions: [bf16, fp16,"
                + " fp32, fp8, fp8-block, int4, int8, mxfp4, nvfp4]");
    assertThatThrownBy(() -> HardwareCatalog.parse(RESOURCE, catalog("15", "accelerator = npu")))
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 15: [system acme-16] accelerator:"
                + " unknown accelerator 'npu'; known accelerators: [acme-npu]");
    assertThatThrownBy(
            () ->
                HardwareCatalog.parse(
                    RESOURCE, catalog("16", "dimension = ring, mesh, 16, 200 GB/s, 2 us")))
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 16: [system acme-16] dimension:"
                + " unknown dimension kind 'mesh'; known kinds: [switch, ring, fully-connected,"
                + " torus-axis]");
  }

  @Test
  void rejectsRepeatedKeys() {
    assertThatThrownBy(() -> HardwareCatalog.parse(RESOURCE, catalog("9", "name = again")))
        .hasMessage(
            "hardware catalog 'test/hardware.catalog' line 9: [accelerator acme-npu] name:"
                + " repeats the key (first on line 5)");
  }
}

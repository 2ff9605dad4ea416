package dev.afd.plugin.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.plugin.hardware.amd.AmdHardwareProvider;
import dev.afd.plugin.hardware.aws.AwsHardwareProvider;
import dev.afd.plugin.hardware.google.GoogleHardwareProvider;
import dev.afd.plugin.hardware.intel.IntelHardwareProvider;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.plugin.hardware.nvidia.NvidiaHardwareProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins a few numbers per vendor against the datasheet each accelerator's source line cites. */
class DatasheetNumbersTest {

  private static AcceleratorSpec accelerator(CatalogHardwareProvider provider, String id) {
    return provider.catalog().accelerator(id);
  }

  @Test
  void nvidiaH100SxmDatasheet() {
    // H100 datasheet: BF16 1,979 and FP8 3,958 TFLOPS "with sparsity"; 80GB at 3.35 TB/s;
    // NVLink 900 GB/s; up to 700 W.
    AcceleratorSpec h100 = accelerator(new NvidiaHardwareProvider(), "nvidia-h100-sxm");
    assertThat(h100.denseFlopRate(Precision.BF16)).contains(FlopRate.parse("989 TFLOP/s"));
    assertThat(h100.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("1979 TFLOP/s"));
    assertThat(h100.denseFlopRate(Precision.NVFP4)).isEmpty();
    assertThat(h100.memoryBandwidth()).isEqualTo(ByteRate.parse("3.35 TB/s"));
    assertThat(h100.scaleUpBandwidthPerDirection()).isEqualTo(ByteRate.parse("450 GB/s"));
    assertThat(h100.scaleOutBandwidthPerDirection()).isEqualTo(ByteRate.parse("50 GB/s"));
    assertThat(h100.thermalDesignPowerWatts()).isEqualTo(700);
  }

  @Test
  void nvidiaBlackwellDatasheets() {
    NvidiaHardwareProvider nvidia = new NvidiaHardwareProvider();
    AcceleratorSpec b200 = accelerator(nvidia, "nvidia-b200");
    // HGX B200: FP4 72 PFLOPS dense per 8 GPUs, 1.4 TB total memory, NVLink 1.8 TB/s per GPU.
    assertThat(b200.denseFlopRate(Precision.NVFP4)).contains(FlopRate.parse("9 PFLOP/s"));
    assertThat(b200.denseFlopRate(Precision.MXFP4)).contains(FlopRate.parse("9 PFLOP/s"));
    assertThat(b200.memoryCapacityPerDevice()).isEqualTo(DataSize.parse("180 GiB"));
    AcceleratorSpec gb300 = accelerator(nvidia, "nvidia-gb300");
    // GB300 NVL72: FP4 1,080 PFLOPS dense over 72 GPUs; no usable INT8.
    assertThat(gb300.denseFlopRate(Precision.NVFP4)).contains(FlopRate.parse("15 PFLOP/s"));
    assertThat(gb300.denseFlopRate(Precision.INT8)).isEmpty();
    AcceleratorSpec h800 = accelerator(nvidia, "nvidia-h800-sxm");
    assertThat(h800.scaleUpBandwidthPerDirection()).isEqualTo(ByteRate.parse("200 GB/s"));
  }

  @Test
  void amdMi300xAndMi355xDatasheets() {
    AmdHardwareProvider amd = new AmdHardwareProvider();
    AcceleratorSpec mi300x = accelerator(amd, "amd-mi300x");
    assertThat(mi300x.denseFlopRate(Precision.BF16)).contains(FlopRate.parse("1307.4 TFLOP/s"));
    assertThat(mi300x.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("2614.9 TFLOP/s"));
    assertThat(mi300x.memoryCapacityPerDevice()).isEqualTo(DataSize.parse("192 GiB"));
    assertThat(mi300x.memoryBandwidth()).isEqualTo(ByteRate.parse("5.3 TB/s"));
    assertThat(mi300x.onChipMemory()).isEqualTo(DataSize.parse("256 MiB"));
    AcceleratorSpec mi355x = accelerator(amd, "amd-mi355x");
    assertThat(mi355x.denseFlopRate(Precision.MXFP4)).contains(FlopRate.parse("10066.3 TFLOP/s"));
    assertThat(mi355x.memoryBandwidth()).isEqualTo(ByteRate.parse("8 TB/s"));
    assertThat(mi355x.thermalDesignPowerWatts()).isEqualTo(1400);
  }

  @Test
  void googleTpuDocumentation() {
    GoogleHardwareProvider google = new GoogleHardwareProvider();
    AcceleratorSpec v5p = accelerator(google, "google-tpu-v5p");
    assertThat(v5p.denseFlopRate(Precision.BF16)).contains(FlopRate.parse("459 TFLOP/s"));
    assertThat(v5p.memoryCapacityPerDevice()).isEqualTo(DataSize.parse("95 GiB"));
    // 1200 GBps bidirectional ICI per chip.
    assertThat(v5p.scaleUpBandwidthPerDirection()).isEqualTo(ByteRate.parse("600 GB/s"));
    AcceleratorSpec v7 = accelerator(google, "google-tpu-v7");
    assertThat(v7.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("4614 TFLOP/s"));
    assertThat(v7.memoryCapacityPerDevice()).isEqualTo(DataSize.parse("192 GiB"));
    AcceleratorSpec v6e = accelerator(google, "google-tpu-v6e");
    assertThat(v6e.memoryBandwidth()).isEqualTo(ByteRate.parse("1638 GB/s"));
  }

  @Test
  void intelGaudi3WhitePaper() {
    AcceleratorSpec gaudi3 = accelerator(new IntelHardwareProvider(), "intel-gaudi3");
    assertThat(gaudi3.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("1835 TFLOP/s"));
    assertThat(gaudi3.memoryBandwidth()).isEqualTo(ByteRate.parse("3.67 TB/s"));
    assertThat(gaudi3.onChipMemory()).isEqualTo(DataSize.parse("96 MB"));
    // 21 of 24 x 200 GbE ports for scale-up.
    assertThat(gaudi3.scaleUpBandwidthPerDirection()).isEqualTo(ByteRate.parse("525 GB/s"));
  }

  @Test
  void awsTrainium2Documentation() {
    AcceleratorSpec trainium2 = accelerator(new AwsHardwareProvider(), "aws-trainium2");
    assertThat(trainium2.denseFlopRate(Precision.FP8)).contains(FlopRate.parse("1299 TFLOP/s"));
    assertThat(trainium2.denseFlopRate(Precision.BF16)).contains(FlopRate.parse("667 TFLOP/s"));
    assertThat(trainium2.memoryCapacityPerDevice()).isEqualTo(DataSize.parse("96 GiB"));
    assertThat(trainium2.denseFlopRate(Precision.NVFP4)).isEqualTo(Optional.empty());
  }
}

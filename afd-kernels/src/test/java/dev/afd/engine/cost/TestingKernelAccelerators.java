package dev.afd.engine.cost;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;

/** Accelerators like the built-in catalog's, which afd-engine must not depend on. */
final class TestingKernelAccelerators {
  static final AcceleratorSpec H200 = nvidia("nvidia-h200-sxm", 989, 1979, 0, "4.8 TB/s");
  static final AcceleratorSpec B200 = nvidia("nvidia-b200-sxm", 2250, 4500, 9000, "8 TB/s");
  static final AcceleratorSpec B300 = nvidia("nvidia-b300-sxm", 2250, 4500, 13500, "8 TB/s");

  static AcceleratorSpec nvidia(
      String id, double bf16Tera, double fp8Tera, double fp4Tera, String bandwidth) {
    AcceleratorSpec.Builder builder =
        AcceleratorSpec.builder(id)
            .name(id)
            .vendor("NVIDIA")
            .denseFlopRate(Precision.BF16, FlopRate.parse(bf16Tera + " TFLOP/s"))
            .denseFlopRate(Precision.FP8, FlopRate.parse(fp8Tera + " TFLOP/s"))
            .memoryCapacityPerDevice(DataSize.parse("141 GiB"))
            .memoryBandwidth(ByteRate.parse(bandwidth))
            .scaleUpBandwidthPerDirection(ByteRate.parse("900 GB/s"))
            .scaleOutBandwidthPerDirection(ByteRate.parse("400 Gbit/s"))
            .efficiencies(0.8, 0.8)
            .kernelOverhead(TimeSpan.parse("3 us"))
            .source("test");
    if (fp4Tera > 0) {
      builder.denseFlopRate(Precision.NVFP4, FlopRate.parse(fp4Tera + " TFLOP/s"));
    }
    return builder.build();
  }

  private TestingKernelAccelerators() {}
}

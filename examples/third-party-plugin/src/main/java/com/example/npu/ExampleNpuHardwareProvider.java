package com.example.npu;

import com.google.auto.service.AutoService;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** A fictional NPU: 300 TFLOP/s BF16 and 600 FP8 dense, 48 GiB of HBM at 1.2 TB/s. */
@AutoService(HardwareProvider.class)
public final class ExampleNpuHardwareProvider implements HardwareProvider {
  private static final AcceleratorSpec NPU =
      AcceleratorSpec.builder("example-npu")
          .vendor("Example")
          .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(300))
          .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(600))
          .memoryCapacityPerDevice(DataSize.ofGibibytes(48))
          .memoryBandwidth(ByteRate.ofTerabytesPerSecond(1.2))
          .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(200))
          .scaleOutBandwidthPerDirection(ByteRate.ofGigabitsPerSecond(400))
          .source("illustrative numbers, not a product")
          .build();

  @Override
  public String id() {
    return "example-npu";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(NPU);
  }
}

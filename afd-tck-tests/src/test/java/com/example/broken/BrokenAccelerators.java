package com.example.broken;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;

/** A plausible NPU (400 TFLOP/s BF16, 800 FP8, 1.6 TB/s, 32 GiB) for the broken plugins. */
final class BrokenAccelerators {
  private BrokenAccelerators() {}

  static AcceleratorSpec.Builder npu(String id) {
    return AcceleratorSpec.builder(id)
        .vendor("Example")
        .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(400))
        .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(800))
        .memoryCapacityPerDevice(DataSize.ofGibibytes(32))
        .memoryBandwidth(ByteRate.ofTerabytesPerSecond(1.6))
        .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(400))
        .scaleOutBandwidthPerDirection(ByteRate.ofGigabitsPerSecond(400))
        .source("afd-tck-tests: a deliberately broken plugin");
  }
}

package dev.afd.tck;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.List;

/**
 * Round-number accelerators and systems for hand-derived tests.
 *
 * @since 0.1
 */
public final class TestingAccelerators {
  private TestingAccelerators() {}

  /**
   * {@return "testing-gpu": 100 TFLOP/s BF16 and 200 TFLOP/s FP8 dense, 1 TB/s HBM of the given
   * capacity, efficiencies 1, no kernel overhead, 100 GB/s links}
   *
   * @param memory HBM capacity per device
   */
  public static AcceleratorSpec gpu(DataSize memory) {
    return AcceleratorSpec.builder("testing-gpu")
        .vendor("afd-tck")
        .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(100))
        .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(200))
        .memoryCapacityPerDevice(memory)
        .memoryBandwidth(ByteRate.ofTerabytesPerSecond(1))
        .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(100))
        .scaleOutBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(100))
        .efficiencies(1, 1)
        .kernelOverhead(TimeSpan.ZERO)
        .source("afd-tck test fixture")
        .build();
  }

  /**
   * {@return a one-tier system of {@code devices} copies of an accelerator on a 100 GB/s switch}
   *
   * @param accelerator the accelerator
   * @param devices how many
   */
  public static SystemSpec system(AcceleratorSpec accelerator, int devices) {
    return new SystemSpec(
        "testing-system",
        "afd-tck test fixture",
        accelerator,
        List.of(
            new NetworkDimension(
                "switch",
                DimensionKind.SWITCH,
                devices,
                ByteRate.ofGigabytesPerSecond(100),
                TimeSpan.ofMicros(1))));
  }
}

package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;

/** A small valid accelerator for discovery fixtures. */
final class TestingAccelerators {
  private TestingAccelerators() {}

  static AcceleratorSpec named(String id) {
    return AcceleratorSpec.builder(id)
        .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(100))
        .memoryCapacityPerDevice(DataSize.ofGibibytes(16))
        .memoryBandwidth(ByteRate.ofTerabytesPerSecond(1))
        .build();
  }
}

package com.example.broken;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Mistake: a negative HBM bandwidth, in a static field, so the class fails to initialise. */
public final class NegativeBandwidthHardwareProvider implements HardwareProvider {
  private static final List<AcceleratorSpec> ACCELERATORS =
      List.of(
          BrokenAccelerators.npu("example-negative-npu")
              .memoryBandwidth(ByteRate.ofTerabytesPerSecond(-1.6))
              .build());

  @Override
  public String id() {
    return "example-negative";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return ACCELERATORS;
  }
}

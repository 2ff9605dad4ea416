package com.example.broken;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Mistake: the FP8 rate in GFLOP/s where TFLOP/s was meant, 1000 times too low. */
public final class SlowFp8HardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "example-slow-fp8";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(
        BrokenAccelerators.npu("example-slow-fp8-npu")
            .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(0.8))
            .build());
  }
}

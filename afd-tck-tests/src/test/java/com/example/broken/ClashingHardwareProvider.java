package com.example.broken;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Mistake: names its accelerator like a built-in one ({@code nvidia-b200}). */
public final class ClashingHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "example-clash";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(BrokenAccelerators.npu("nvidia-b200").build());
  }
}

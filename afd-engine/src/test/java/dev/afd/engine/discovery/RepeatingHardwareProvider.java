package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Mistake: lists one accelerator id twice. */
public final class RepeatingHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "repeating";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(
        TestingAccelerators.named("testing-twice"), TestingAccelerators.named("testing-twice"));
  }
}

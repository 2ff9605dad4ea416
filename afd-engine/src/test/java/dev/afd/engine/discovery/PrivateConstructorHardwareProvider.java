package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Mistake: ServiceLoader needs a public no-argument constructor. */
public final class PrivateConstructorHardwareProvider implements HardwareProvider {
  private PrivateConstructorHardwareProvider() {}

  @Override
  public String id() {
    return "private-constructor";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of();
  }
}

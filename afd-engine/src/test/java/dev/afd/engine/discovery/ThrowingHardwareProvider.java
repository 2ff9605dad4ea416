package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Throws from its constructor, as a plugin with a broken static setup would. */
public final class ThrowingHardwareProvider implements HardwareProvider {
  /** Always throws. */
  public ThrowingHardwareProvider() {
    throw new IllegalStateException("licence file not found");
  }

  @Override
  public String id() {
    return "throwing";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of();
  }
}

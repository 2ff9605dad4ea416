package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Returns no accelerators. */
public final class EmptyHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "empty";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of();
  }
}

package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Throws from {@link #description()}, which discovery calls for {@code afd plugins}. */
public final class ThrowingDescriptionHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "throwing-description";
  }

  @Override
  public String description() {
    throw new IllegalStateException("no description bundle");
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(TestingAccelerators.named("testing-described-gpu"));
  }
}

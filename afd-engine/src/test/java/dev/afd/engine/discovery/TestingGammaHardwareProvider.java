package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Provider id "gamma" whose accelerator id clashes with {@link TestingAlphaHardwareProvider}. */
public final class TestingGammaHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "gamma";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(TestingAccelerators.named("testing-gpu-a"));
  }
}

package dev.afd.engine.discovery;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/** Provider id "testing", accelerator "testing-gpu-a". */
public final class TestingAlphaHardwareProvider implements HardwareProvider {
  @Override
  public String id() {
    return "testing";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(TestingAccelerators.named("testing-gpu-a"));
  }
}

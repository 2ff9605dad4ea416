package dev.afd.plugin.hardware.amd;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class AmdHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new AmdHardwareProvider();
  }
}

package dev.afd.plugin.hardware.intel;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class IntelHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new IntelHardwareProvider();
  }
}

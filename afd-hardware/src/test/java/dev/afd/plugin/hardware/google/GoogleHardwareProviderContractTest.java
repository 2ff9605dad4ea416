package dev.afd.plugin.hardware.google;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class GoogleHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new GoogleHardwareProvider();
  }
}

package dev.afd.plugin.hardware.nvidia;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class NvidiaHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new NvidiaHardwareProvider();
  }
}

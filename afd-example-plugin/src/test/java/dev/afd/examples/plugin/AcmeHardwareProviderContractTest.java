package dev.afd.examples.plugin;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

/** The whole hardware test a plugin needs: the TCK's contract. */
class AcmeHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new AcmeHardwareProvider();
  }
}

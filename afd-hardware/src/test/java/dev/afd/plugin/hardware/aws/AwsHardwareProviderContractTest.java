package dev.afd.plugin.hardware.aws;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class AwsHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new AwsHardwareProvider();
  }
}

package com.example.npu;

import dev.afd.spi.HardwareProvider;
import dev.afd.tck.HardwareProviderContract;

class ExampleNpuHardwareProviderContractTest extends HardwareProviderContract {
  @Override
  protected HardwareProvider createProvider() {
    return new ExampleNpuHardwareProvider();
  }
}

package dev.afd.plugin.kerneldata;

import dev.afd.spi.KernelDatabaseProvider;
import dev.afd.tck.KernelDatabaseProviderContract;

class AiConfiguratorKernelDatabaseProviderContractTest extends KernelDatabaseProviderContract {
  @Override
  protected KernelDatabaseProvider createProvider() {
    return new AiConfiguratorKernelDatabaseProvider();
  }
}

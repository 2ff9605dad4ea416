package dev.afd.plugin.models.nvidia;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class NvidiaModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new NvidiaModelProvider();
  }
}

package dev.afd.plugin.models.meta;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class MetaModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new MetaModelProvider();
  }
}

package dev.afd.plugin.models.mistral;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class MistralModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new MistralModelProvider();
  }
}

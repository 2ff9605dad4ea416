package dev.afd.plugin.models.moonshot;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class MoonshotModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new MoonshotModelProvider();
  }
}

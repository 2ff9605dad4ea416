package dev.afd.plugin.models.deepseek;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class DeepSeekModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new DeepSeekModelProvider();
  }
}

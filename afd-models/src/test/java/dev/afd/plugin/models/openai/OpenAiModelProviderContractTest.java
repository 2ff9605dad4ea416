package dev.afd.plugin.models.openai;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class OpenAiModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new OpenAiModelProvider();
  }
}

package dev.afd.plugin.models.qwen;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class QwenModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new QwenModelProvider();
  }
}

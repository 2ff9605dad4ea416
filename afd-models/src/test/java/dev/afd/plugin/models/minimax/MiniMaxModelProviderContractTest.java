package dev.afd.plugin.models.minimax;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class MiniMaxModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new MiniMaxModelProvider();
  }
}

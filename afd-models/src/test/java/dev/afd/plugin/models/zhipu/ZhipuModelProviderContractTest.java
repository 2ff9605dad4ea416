package dev.afd.plugin.models.zhipu;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class ZhipuModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new ZhipuModelProvider();
  }
}

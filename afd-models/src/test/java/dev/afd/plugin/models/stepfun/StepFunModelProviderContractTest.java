package dev.afd.plugin.models.stepfun;

import dev.afd.spi.ModelProvider;
import dev.afd.tck.ModelProviderContract;

class StepFunModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new StepFunModelProvider();
  }
}

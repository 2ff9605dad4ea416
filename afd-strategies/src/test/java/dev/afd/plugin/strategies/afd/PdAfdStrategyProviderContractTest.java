package dev.afd.plugin.strategies.afd;

import dev.afd.spi.StrategyProvider;
import dev.afd.tck.StrategyProviderContract;

class PdAfdStrategyProviderContractTest extends StrategyProviderContract {
  @Override
  protected StrategyProvider createProvider() {
    return new PdAfdStrategyProvider();
  }
}

package dev.afd.plugin.strategies.pd;

import dev.afd.spi.StrategyProvider;
import dev.afd.tck.StrategyProviderContract;

class PdStrategyProviderContractTest extends StrategyProviderContract {
  @Override
  protected StrategyProvider createProvider() {
    return new PdStrategyProvider();
  }
}

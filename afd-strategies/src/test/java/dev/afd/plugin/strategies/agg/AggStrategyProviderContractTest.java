package dev.afd.plugin.strategies.agg;

import dev.afd.spi.StrategyProvider;
import dev.afd.tck.StrategyProviderContract;

class AggStrategyProviderContractTest extends StrategyProviderContract {
  @Override
  protected StrategyProvider createProvider() {
    return new AggStrategyProvider();
  }
}

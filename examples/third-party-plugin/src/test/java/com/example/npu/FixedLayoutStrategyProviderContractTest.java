package com.example.npu;

import dev.afd.spi.StrategyProvider;
import dev.afd.tck.StrategyProviderContract;

class FixedLayoutStrategyProviderContractTest extends StrategyProviderContract {
  @Override
  protected StrategyProvider createProvider() {
    return new FixedLayoutStrategyProvider();
  }
}

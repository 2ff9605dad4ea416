package dev.afd.tck;

import dev.afd.spi.ModelProvider;

/** The TCK on a model whose mixer is a custom block type, as a model plugin would ship. */
class TestingCustomBlockModelProviderContractTest extends ModelProviderContract {
  @Override
  protected ModelProvider createProvider() {
    return new TestingCustomBlockModelProvider();
  }
}

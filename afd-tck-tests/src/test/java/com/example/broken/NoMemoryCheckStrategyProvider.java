package com.example.broken;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;

/** Mistake: never checks that the layout fits in memory. */
public final class NoMemoryCheckStrategyProvider implements StrategyProvider {
  @Override
  public String id() {
    return "example-no-memory-check";
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new FixedLayoutStrategy(id(), context, 1, 8, false);
  }
}

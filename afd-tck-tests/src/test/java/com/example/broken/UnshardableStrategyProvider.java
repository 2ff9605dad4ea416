package com.example.broken;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;

/** Mistake: attention TP 3, which no model with a power-of-two head count can take. */
public final class UnshardableStrategyProvider implements StrategyProvider {
  @Override
  public String id() {
    return "example-tp3";
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new FixedLayoutStrategy(id(), context, 3, 8, true);
  }
}

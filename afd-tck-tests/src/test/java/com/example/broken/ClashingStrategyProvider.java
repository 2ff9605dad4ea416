package com.example.broken;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;

/** Mistake: takes the id of a built-in strategy ({@code agg}). */
public final class ClashingStrategyProvider implements StrategyProvider {
  @Override
  public String id() {
    return "agg";
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new FixedLayoutStrategy(id(), context, 1, 8, true);
  }
}

package com.example.broken;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.List;

/** Mistake: reads the second batch size it was given, so only the default list works. */
public final class DefaultOnlyStrategyProvider implements StrategyProvider {
  static final OptionSpec<List<Integer>> BATCHES =
      OptionSpec.intList("batch", List.of(8, 16), "batch sizes to try");

  @Override
  public String id() {
    return "example-default-only";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(BATCHES);
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    int largest = context.options().get(BATCHES).get(1);
    return new FixedLayoutStrategy(id(), context, 1, largest, true);
  }
}

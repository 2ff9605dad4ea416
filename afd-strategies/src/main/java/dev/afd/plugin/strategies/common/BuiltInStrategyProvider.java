package dev.afd.plugin.strategies.common;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A built-in strategy provider: what it declares (id, description, options, capabilities) and the
 * strategy it creates, stated once in the subclass's constructor. Immutable and thread-safe.
 */
public abstract class BuiltInStrategyProvider implements StrategyProvider {
  private final String id;
  private final String description;
  private final List<OptionSpec<?>> options;
  private final Set<StrategyCapability> capabilities;
  private final Function<StrategyContext, ServingStrategy> factory;

  /**
   * Declares the provider.
   *
   * @param id the strategy id
   * @param description the one-line description
   * @param options the options it accepts
   * @param capabilities what it can do
   * @param factory creates the strategy bound to a context
   */
  protected BuiltInStrategyProvider(
      String id,
      String description,
      List<OptionSpec<?>> options,
      Set<StrategyCapability> capabilities,
      Function<StrategyContext, ServingStrategy> factory) {
    this.id = id;
    this.description = description;
    this.options = options;
    this.capabilities = capabilities;
    this.factory = factory;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<OptionSpec<?>> options() {
    return options;
  }

  @Override
  public final Set<StrategyCapability> capabilities() {
    return capabilities;
  }

  @Override
  public final ServingStrategy create(StrategyContext context) {
    return factory.apply(context);
  }
}

package dev.afd.spi;

import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import java.util.List;
import java.util.Set;

/**
 * Creates serving strategies (aggregated, prefill/decode, attention-FFN disaggregation, or a new
 * scheme).
 *
 * <p>Discovered with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(StrategyProvider.class)}). Same lifecycle rules as {@link HardwareProvider}.
 * Run {@code dev.afd.tck.StrategyProviderContract} against every implementation.
 *
 * @since 0.1
 */
public interface StrategyProvider {

  /** {@return the strategy id, for example {@code "agg-afd"}; unique among strategy providers} */
  String id();

  /** {@return a one-line human description; defaults to the id} */
  default String description() {
    return id();
  }

  /** {@return the options this strategy accepts; the engine rejects any other key} */
  default List<OptionSpec<?>> options() {
    return List.of();
  }

  /** {@return what this strategy declares it can do; the TCK checks each declaration} */
  default Set<StrategyCapability> capabilities() {
    return Set.of();
  }

  /**
   * Creates a strategy for one model, cluster, workload and option set.
   *
   * <p>Called once per distinct configuration. The options in the context have been parsed against
   * {@link #options()}.
   *
   * @param context the engine-built context
   * @return an immutable, thread-safe strategy
   */
  ServingStrategy create(StrategyContext context);
}

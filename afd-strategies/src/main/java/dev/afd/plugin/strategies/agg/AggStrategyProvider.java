package dev.afd.plugin.strategies.agg;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.plugin.strategies.common.BuiltInStrategyProvider;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/**
 * Aggregated serving with chunked prefill: every device group runs whole model replicas, and each
 * iteration mixes the decoding sequences with one prefill chunk (Sarathi-Serve, OSDI'24).
 */
@AutoService(StrategyProvider.class)
public final class AggStrategyProvider extends BuiltInStrategyProvider {
  static final List<OptionSpec<?>> OPTIONS =
      Knobs.options(
          Knobs.LAYOUT, Knobs.CHUNK, Knobs.MEMORY, Knobs.LOAD_AND_MTP, Knobs.REPLICA_SYSTEM);

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public AggStrategyProvider() {
    super(
        "agg",
        "aggregated serving with chunked prefill and continuous batching",
        OPTIONS,
        Set.of(StrategyCapability.PREFIX_REUSE),
        AggStrategy::new);
  }
}

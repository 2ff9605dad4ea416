package dev.afd.plugin.strategies.agg;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/**
 * Aggregated serving with chunked prefill: every device group runs whole model replicas, and each
 * iteration mixes the decoding sequences with one prefill chunk (Sarathi-Serve, OSDI'24).
 */
@AutoService(StrategyProvider.class)
public final class AggStrategyProvider implements StrategyProvider {
  static final List<OptionSpec<?>> OPTIONS =
      List.of(
          Knobs.TENSOR_PARALLEL,
          Knobs.ATTENTION_LAYOUTS,
          Knobs.DATA_PARALLEL,
          Knobs.MOE_TENSOR_PARALLEL,
          Knobs.EXPERT_PARALLEL,
          Knobs.BATCH,
          Knobs.CHUNK,
          Knobs.EXPERT_IMBALANCE,
          Knobs.RUNTIME_RESERVE,
          Knobs.ARRIVALS,
          Knobs.REQUESTS_PER_CLIENT,
          Knobs.MTP,
          Knobs.MTP_ACCEPTANCE,
          Knobs.REPLICA_SYSTEM);

  @Override
  public String id() {
    return "agg";
  }

  @Override
  public String description() {
    return "aggregated serving with chunked prefill and continuous batching";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Set<StrategyCapability> capabilities() {
    return Set.of(StrategyCapability.PREFIX_REUSE);
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new AggStrategy(context);
  }
}

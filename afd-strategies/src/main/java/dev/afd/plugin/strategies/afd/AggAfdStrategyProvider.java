package dev.afd.plugin.strategies.afd;

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
 * Attention-FFN disaggregation for both phases: attention and the FFN on separate device groups,
 * chunked prefill flowing through the same micro-batched pipeline as decode.
 */
@AutoService(StrategyProvider.class)
public final class AggAfdStrategyProvider implements StrategyProvider {
  static final List<OptionSpec<?>> OPTIONS =
      List.of(
          Knobs.TENSOR_PARALLEL,
          Knobs.ATTENTION_LAYOUTS,
          Knobs.DATA_PARALLEL,
          Knobs.MOE_TENSOR_PARALLEL,
          Knobs.EXPERT_PARALLEL,
          Knobs.BATCH,
          Knobs.CHUNK,
          Knobs.MICRO_BATCHES,
          Knobs.ROUTER,
          Knobs.DISPATCH_PRECISION,
          Knobs.EXPERT_IMBALANCE,
          Knobs.RUNTIME_RESERVE,
          Knobs.ATTENTION_SYSTEM,
          Knobs.FFN_SYSTEM);

  @Override
  public String id() {
    return "agg-afd";
  }

  @Override
  public String description() {
    return "attention-FFN disaggregation for prefill and decode (chunked, micro-batched)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Set<StrategyCapability> capabilities() {
    return Set.of(
        StrategyCapability.ATTENTION_FFN_DISAGGREGATION,
        StrategyCapability.HETEROGENEOUS_HARDWARE,
        StrategyCapability.PREFIX_REUSE);
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new AggAfdStrategy(context);
  }
}

package dev.afd.plugin.strategies.afd;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.plugin.strategies.common.BuiltInStrategyProvider;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/**
 * Attention-FFN disaggregation for both phases: attention and the FFN on separate device groups,
 * chunked prefill flowing through the same micro-batched pipeline as decode.
 */
@AutoService(StrategyProvider.class)
public final class AggAfdStrategyProvider extends BuiltInStrategyProvider {
  static final List<OptionSpec<?>> OPTIONS =
      Knobs.options(
          Knobs.LAYOUT,
          Knobs.CHUNK,
          Knobs.AFD_PIPELINE,
          Knobs.MEMORY,
          Knobs.ATTENTION_SYSTEM,
          Knobs.FFN_SYSTEM);

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public AggAfdStrategyProvider() {
    super(
        "agg-afd",
        "attention-FFN disaggregation for prefill and decode (chunked, micro-batched)",
        OPTIONS,
        Set.of(
            StrategyCapability.ATTENTION_FFN_DISAGGREGATION,
            StrategyCapability.HETEROGENEOUS_HARDWARE,
            StrategyCapability.PREFIX_REUSE),
        AggAfdStrategy::new);
  }
}

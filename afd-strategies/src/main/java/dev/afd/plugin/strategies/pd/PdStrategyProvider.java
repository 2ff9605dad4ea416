package dev.afd.plugin.strategies.pd;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.plugin.strategies.common.BuiltInStrategyProvider;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/**
 * Prefill/decode disaggregation: a prefill pool and a decode pool sized separately, the KV cache
 * moving once per request (DistServe, OSDI'24; Splitwise, ISCA'24).
 */
@AutoService(StrategyProvider.class)
public final class PdStrategyProvider extends BuiltInStrategyProvider {

  static final List<OptionSpec<?>> OPTIONS =
      Knobs.options(
          Knobs.LAYOUT,
          Knobs.POOLS,
          Knobs.MEMORY,
          Knobs.KV_HANDOFF,
          Knobs.DECODE_SYSTEM,
          Knobs.LOAD_AND_MTP,
          Knobs.PREFILL_POOL);

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public PdStrategyProvider() {
    super(
        "pd",
        "prefill/decode disaggregation with KV transfer",
        OPTIONS,
        Set.of(
            StrategyCapability.PREFILL_DECODE_DISAGGREGATION,
            StrategyCapability.HETEROGENEOUS_HARDWARE,
            StrategyCapability.PREFIX_REUSE),
        PdStrategy::new);
  }
}

package dev.afd.plugin.strategies.afd;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.plugin.strategies.common.BuiltInStrategyProvider;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/** A prefill pool feeding an attention-FFN disaggregated decode pool; KV goes to attention. */
@AutoService(StrategyProvider.class)
public final class PdAfdStrategyProvider extends BuiltInStrategyProvider {
  static final List<OptionSpec<?>> OPTIONS =
      List.of(
          Knobs.TENSOR_PARALLEL,
          Knobs.ATTENTION_LAYOUTS,
          Knobs.DATA_PARALLEL,
          Knobs.MOE_TENSOR_PARALLEL,
          Knobs.EXPERT_PARALLEL,
          Knobs.BATCH,
          Knobs.PREFILL_BATCH,
          Knobs.DECODE_WORKERS,
          Knobs.MICRO_BATCHES,
          Knobs.ROUTER,
          Knobs.DISPATCH_PRECISION,
          Knobs.EXPERT_IMBALANCE,
          Knobs.RUNTIME_RESERVE,
          Knobs.PREFILL_UTILIZATION,
          Knobs.PREFIX_ON_DECODE,
          Knobs.OVERLAP_KV_TRANSFER,
          Knobs.PREFILL_SYSTEM,
          Knobs.ATTENTION_SYSTEM,
          Knobs.FFN_SYSTEM,
          // The prefill pool (PrefillPool) reads its fixed layout and worker count.
          Knobs.PREFILL_TENSOR_PARALLEL,
          Knobs.PREFILL_DATA_PARALLEL,
          Knobs.PREFILL_MOE_TENSOR_PARALLEL,
          Knobs.PREFILL_EXPERT_PARALLEL,
          Knobs.PREFILL_WORKERS,
          Knobs.PREFILL_WORKER,
          Knobs.PREFILL_MICRO_BATCHES);

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public PdAfdStrategyProvider() {
    super(
        "pd-afd",
        "prefill pool feeding an attention-FFN disaggregated decode pool",
        OPTIONS,
        Set.of(
            StrategyCapability.PREFILL_DECODE_DISAGGREGATION,
            StrategyCapability.ATTENTION_FFN_DISAGGREGATION,
            StrategyCapability.HETEROGENEOUS_HARDWARE,
            StrategyCapability.PREFIX_REUSE),
        PdAfdStrategy::new);
  }
}

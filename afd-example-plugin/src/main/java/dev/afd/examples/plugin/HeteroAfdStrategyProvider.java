package dev.afd.examples.plugin;

import com.google.auto.service.AutoService;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Set;

/**
 * Contributes {@code hetero-afd}: attention-FFN disaggregation across two kinds of hardware, with
 * attention (and the KV cache) on the GPUs of the cluster's primary system and the MoE FFN on the
 * devices of another system, for example the {@code acme-npu} pod.
 *
 * <p>Options, as a user sets them ({@code --set hetero-afd.weights-in-sram=no}):
 *
 * <ul>
 *   <li>{@code ffn-devices}: FFN group sizes to try (the expert-parallel degree);
 *   <li>{@code weights-in-sram}: {@code yes} streams the share of each FFN device's expert weights
 *       that fits in 75% of its on-chip SRAM at {@code onChipBandwidth}; {@code no} streams
 *       everything from HBM;
 *   <li>{@code ffn-system}: which system of the cluster runs the FFN, {@code last} by default.
 * </ul>
 *
 * <p>Stateless; {@link #create} is called once per configuration and returns an immutable strategy.
 */
@AutoService(StrategyProvider.class)
public final class HeteroAfdStrategyProvider implements StrategyProvider {
  /** The strategy id. */
  public static final String ID = "hetero-afd";

  /** FFN group sizes to try. */
  static final OptionSpec<List<Integer>> FFN_DEVICES =
      OptionSpec.intList(
          "ffn-devices", List.of(4, 8, 16, 32, 64), "FFN devices (expert-parallel degree) to try");

  /** Whether expert weights are streamed from on-chip SRAM where they fit. */
  static final OptionSpec<String> WEIGHTS_IN_SRAM =
      OptionSpec.choice(
          "weights-in-sram",
          "yes",
          List.of("yes", "no"),
          "stream the share of expert weights that fits in on-chip SRAM at SRAM bandwidth");

  /** The system that runs the FFN. */
  static final OptionSpec<String> FFN_SYSTEM =
      OptionSpec.text(
          "ffn-system",
          "last",
          "system of the cluster the FFN devices come from (\"last\" = the cluster's last)");

  private static final List<OptionSpec<?>> OPTIONS =
      List.of(FFN_DEVICES, WEIGHTS_IN_SRAM, FFN_SYSTEM);

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public HeteroAfdStrategyProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "attention on GPUs, MoE FFN on another system (SRAM-resident experts where they fit)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Set<StrategyCapability> capabilities() {
    return Set.of(
        StrategyCapability.ATTENTION_FFN_DISAGGREGATION, StrategyCapability.HETEROGENEOUS_HARDWARE);
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    return new HeteroAfdStrategy(context);
  }
}

package dev.afd.plugin.strategies.common;

import dev.afd.api.model.Sharding;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.Experts;
import java.util.ArrayList;
import java.util.List;

/** Enumerates parallel layouts within the option ranges. */
public final class Parallelism {
  private Parallelism() {}

  /** An attention layout (TP × DP) and an FFN layout (MoE TP × EP). */
  public record Width(
      int tensorParallel, int dataParallel, int moeTensorParallel, int expertParallel) {
    /**
     * {@return the model's sharding at this width}
     *
     * @param imbalance the busiest expert device's load over the mean
     */
    public Sharding sharding(double imbalance) {
      return new Sharding(
          tensorParallel, dataParallel, moeTensorParallel, expertParallel, imbalance);
    }

    /** {@return attention devices} */
    public int attentionDevices() {
      return tensorParallel * dataParallel;
    }

    /** {@return FFN devices} */
    public int ffnDevices() {
      return moeTensorParallel * expertParallel;
    }

    /** {@return devices of an aggregated replica (attention width = FFN width)} */
    public int devices() {
      return attentionDevices();
    }
  }

  /**
   * {@return attention layouts (TP, DP) within the budget that the backend runs ({@link
   * Knobs#ATTENTION_LAYOUTS})}
   */
  public static List<int[]> attentionLayouts(StrategyContext context, int maxDevices) {
    boolean mixed =
        !context.options().declares(Knobs.ATTENTION_LAYOUTS)
            || context.options().get(Knobs.ATTENTION_LAYOUTS).equals("any");
    List<int[]> layouts = new ArrayList<>();
    for (int tp : context.options().get(Knobs.TENSOR_PARALLEL)) {
      for (int dp : context.options().get(Knobs.DATA_PARALLEL)) {
        if (!mixed && tp > 1 && dp > 1) {
          continue;
        }
        if ((long) tp * dp <= maxDevices) {
          layouts.add(new int[] {tp, dp});
        }
      }
    }
    return layouts;
  }

  /** {@return FFN layouts (MoE TP, EP) within the budget; EP never exceeds the expert count} */
  public static List<int[]> ffnLayouts(StrategyContext context, int maxDevices) {
    int experts = Experts.expertCount(context.model());
    List<int[]> layouts = new ArrayList<>();
    for (int moeTp : context.options().get(Knobs.MOE_TENSOR_PARALLEL)) {
      for (int ep : context.options().get(Knobs.EXPERT_PARALLEL)) {
        if ((long) moeTp * ep > maxDevices) {
          continue;
        }
        if (experts > 0 ? ep > experts : ep > 1) {
          continue;
        }
        layouts.add(new int[] {moeTp, ep});
      }
    }
    return layouts;
  }

  /**
   * {@return aggregated layouts: attention TP × DP equal to MoE TP × EP (docs/strategies.md),
   * within the budget}
   */
  public static List<Width> aggregated(StrategyContext context) {
    return aggregated(context, context.deviceBudget());
  }

  /** {@return aggregated layouts of at most {@code maxDevices} devices} */
  public static List<Width> aggregated(StrategyContext context, int maxDevices) {
    List<Width> widths = new ArrayList<>();
    int experts = Experts.expertCount(context.model());
    for (int[] attention : attentionLayouts(context, maxDevices)) {
      int width = attention[0] * attention[1];
      boolean matched = false;
      for (int[] ffn : ffnLayouts(context, maxDevices)) {
        if (ffn[0] * ffn[1] == width) {
          widths.add(new Width(attention[0], attention[1], ffn[0], ffn[1]));
          matched = true;
        }
      }
      if (!matched && experts == 0) {
        // Dense models: the FFN follows the attention layout (TP shards it, DP replicates it).
        widths.add(new Width(attention[0], attention[1], attention[0], attention[1]));
      }
    }
    return widths;
  }
}

package dev.afd.strategykit;

import dev.afd.api.model.BlockRole;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.unit.DataSize;
import java.util.Locale;

/**
 * Memory per device of a group (docs/strategies.md): weights, KV cache, activations and a runtime
 * reserve against the device's capacity.
 *
 * <p>Called by strategies for every candidate, before pricing its step. Stateless; thread-safe.
 *
 * @since 0.2
 */
public final class Memory {
  /**
   * Activation working set per token in the step, in units of {@code hidden × activation bytes}:
   * residual stream, normed input, attention output and the widest projection output held at once
   * (QKV or gate/up, several times hidden) — 16 covers the models in the catalog with margin. A
   * named estimate, not a measurement; it matters only for huge chunks.
   */
  public static final double ACTIVATION_WORKSPACE_FACTOR = 16;

  private Memory() {}

  /**
   * {@return activation bytes of a step with {@code tokens} tokens on one device}
   *
   * @param model the model
   * @param tokens tokens in the step on the device
   */
  public static double activationBytes(MoeModelSpec model, double tokens) {
    return tokens
        * model.hiddenSize()
        * model.activationPrecision().bytesPerElement()
        * ACTIVATION_WORKSPACE_FACTOR;
  }

  /**
   * {@return weight bytes one device holds for the given roles}
   *
   * @param model the model
   * @param sharding how the model is split
   * @param roles the roles whose blocks the device holds
   */
  public static double weightBytes(MoeModelSpec model, Sharding sharding, BlockRole... roles) {
    double total = 0;
    for (BlockRole role : roles) {
      total += model.weightBytesPerDevice(sharding, role);
    }
    return total;
  }

  /**
   * {@return the usage of one device}
   *
   * @param group the group name
   * @param weightBytes weights
   * @param kvBytes KV cache and state
   * @param activationBytes activations
   * @param reserve runtime reserve
   * @param capacity device capacity
   */
  public static MemoryUsage usage(
      String group,
      double weightBytes,
      double kvBytes,
      double activationBytes,
      DataSize reserve,
      DataSize capacity) {
    return new MemoryUsage(
        group,
        DataSize.ofBytes(saturatedBytes(weightBytes)),
        DataSize.ofBytes(saturatedBytes(kvBytes)),
        DataSize.ofBytes(saturatedBytes(activationBytes)),
        reserve,
        capacity);
  }

  /** {@return {@code value} rounded to one decimal, as {@code "%.1f"} with {@link Locale#ROOT}} */
  static String oneDecimal(double value) {
    return appendOneDecimal(new StringBuilder(8), value).toString();
  }

  private static StringBuilder appendOneDecimal(StringBuilder text, double value) {
    long tenths = Math.round(Math.abs(value) * 10);
    if (value < 0 && tenths != 0) {
      text.append('-');
    }
    return text.append(tenths / 10).append('.').append(tenths % 10);
  }

  private static long saturatedBytes(double bytes) {
    return bytes >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : (long) Math.ceil(bytes);
  }

  /**
   * {@return "group devices need X GiB of Y GiB (weights, KV, activations, reserve): short by Z
   * GiB", an infeasible result's reason}
   *
   * @param usage a usage that does not fit
   */
  public static String shortfall(MemoryUsage usage) {
    // Hand-formatted: this runs for every candidate that does not fit, often most of them.
    double need = usage.total().toGibibytes();
    double have = usage.capacity().toGibibytes();
    StringBuilder text = new StringBuilder(160).append(usage.group()).append(" devices need ");
    appendOneDecimal(text, need).append(" GiB of ");
    appendOneDecimal(text, have).append(" GiB (weights ");
    appendOneDecimal(text, usage.weights().toGibibytes()).append(", KV ");
    appendOneDecimal(text, usage.kvCache().toGibibytes()).append(", activations ");
    appendOneDecimal(text, usage.activations().toGibibytes()).append(", reserve ");
    appendOneDecimal(text, usage.reserve().toGibibytes()).append("): short by ");
    return appendOneDecimal(text, need - have).append(" GiB").toString();
  }
}

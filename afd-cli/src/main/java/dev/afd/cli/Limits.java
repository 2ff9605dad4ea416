package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.network.NetworkEstimate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The stated upper limits on the sizes a user types, checked before anything is sized by them.
 *
 * <p>Each limit is owned by the code that allocates for it ({@link SystemSpec#MAX_DEVICES}, {@link
 * Explorer#MAX_THREADS}, {@link NetworkEstimate#MAX_SIMULATED_GROUP}); this class only turns an
 * out-of-range option into one line that names the option, the value and the limit.
 */
final class Limits {
  private Limits() {}

  /**
   * {@return {@code value}, checked to be a device count between 1 and {@link
   * SystemSpec#MAX_DEVICES}}
   *
   * @param option the option, for example {@code --gpus}
   * @param value the value given
   */
  static int devices(String option, int value) {
    return between(option, value, SystemSpec.MAX_DEVICES, "the most devices afd models");
  }

  /**
   * {@return {@code value}, checked to be a thread count between 1 and {@link
   * Explorer#MAX_THREADS}}
   *
   * @param value the value of {@code --threads}
   */
  static int threads(int value) {
    return between("--threads", value, Explorer.MAX_THREADS, "more than any machine has cores");
  }

  /**
   * {@return {@code value}, checked to be a simulated group between 1 and {@link
   * NetworkEstimate#MAX_SIMULATED_GROUP}}
   *
   * @param option the option that gives the group size
   * @param value the value given
   */
  static int simulatedGroup(String option, int value) {
    return between(
        option,
        value,
        NetworkEstimate.MAX_SIMULATED_GROUP,
        "the simulator's limit; drop --simulate for the analytical model");
  }

  /**
   * {@return the strategy ids, checked to be non-empty and free of empty entries}
   *
   * @param ids the ids of {@code --strategies}
   */
  static List<String> strategyIds(List<String> ids) {
    for (String id : ids) {
      if (id.isBlank()) {
        throw new AfdConfigurationException(
            "Option --strategies must list strategy ids separated by commas, for example"
                + " agg,pd; got '"
                + String.join(",", ids)
                + "' (see 'afd plugins')");
      }
    }
    return ids;
  }

  /**
   * {@return the explicit workload of {@code --prefix}, {@code --isl} and {@code --osl}, each
   * checked, and their total checked against {@link WorkloadSpec#MAX_CONTEXT_TOKENS}}
   *
   * @param prefix the value of {@code --prefix}, or null for none
   * @param inputTokens the value of {@code --isl}
   * @param outputTokens the value of {@code --osl}
   */
  static WorkloadSpec customWorkload(@Nullable Long prefix, long inputTokens, long outputTokens) {
    long prefixTokens = prefix == null ? 0 : prefix;
    tokens("--prefix", prefixTokens, 0);
    tokens("--isl", inputTokens, 1);
    tokens("--osl", outputTokens, 1);
    if (prefixTokens + inputTokens + outputTokens > WorkloadSpec.MAX_CONTEXT_TOKENS) {
      throw new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Options --prefix + --isl + --osl must total at most %d tokens (the longest context"
                  + " afd models), got '%d + %d + %d'",
              WorkloadSpec.MAX_CONTEXT_TOKENS,
              prefixTokens,
              inputTokens,
              outputTokens));
    }
    return new WorkloadSpec("custom", prefixTokens, inputTokens, outputTokens);
  }

  private static void tokens(String option, long value, long least) {
    if (value < least || value > WorkloadSpec.MAX_CONTEXT_TOKENS) {
      throw new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Option %s must be between %d and %d tokens (the longest context afd models), got"
                  + " '%d'",
              option,
              least,
              WorkloadSpec.MAX_CONTEXT_TOKENS,
              value));
    }
  }

  private static int between(String option, int value, int limit, String why) {
    if (value < 1 || value > limit) {
      throw new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Option %s must be between 1 and %d (%s), got '%d'",
              option,
              limit,
              why,
              value));
    }
    return value;
  }
}

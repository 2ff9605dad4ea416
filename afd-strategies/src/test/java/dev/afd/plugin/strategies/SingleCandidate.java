package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.spi.StrategyProvider;
import dev.afd.tck.TestingStrategyContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a strategy whose options narrow it to exactly one candidate on the TCK fixture. */
public final class SingleCandidate {
  private SingleCandidate() {}

  /**
   * {@return options for a one-device layout (tp, dp, moe-tp, ep all 1) plus {@code pairs}: key,
   * value, key, value, …}
   */
  public static Map<String, String> oneDevice(String... pairs) {
    Map<String, String> options = new HashMap<>();
    for (String key : List.of("tp", "dp", "moe-tp", "ep")) {
      options.put(key, "1");
    }
    for (int index = 0; index + 1 < pairs.length; index += 2) {
      options.put(pairs[index], pairs[index + 1]);
    }
    return options;
  }

  /**
   * {@return the result of the one candidate {@code options} leave}
   *
   * @param provider the strategy
   * @param options options that fix every knob
   * @param workload the workload
   */
  public static ServingResult evaluate(
      StrategyProvider provider, Map<String, String> options, WorkloadSpec workload) {
    ServingStrategy strategy =
        provider.create(
            TestingStrategyContext.builder(provider, options).workload(workload).build());
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(candidates::add);
    assertThat(candidates).hasSize(1);
    return strategy.evaluate(candidates.get(0));
  }
}

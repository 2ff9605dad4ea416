package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.internal.Checks;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StrategyProvider} must meet: options round-trip, creation with
 * defaults, deterministic enumeration and evaluation, thread safety, feasible results that fit in
 * memory and obey Little's law, infeasible results with a reason, and declared capabilities that
 * hold. Extend it and implement {@link #createProvider()}; override {@link #context(Map)} when the
 * strategy needs another model or cluster than {@link TestingStrategyContext}'s.
 *
 * @since 0.1
 */
public abstract class StrategyProviderContract {
  private static final int MAX_CANDIDATES = 3000;

  /** Creates the contract; subclasses are JUnit test classes. */
  protected StrategyProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract StrategyProvider createProvider();

  /**
   * {@return the context the contract evaluates in, with the given raw options}
   *
   * @param options raw option values
   */
  protected StrategyContext context(Map<String, String> options) {
    return TestingStrategyContext.builder(createProvider(), options).build();
  }

  private List<Candidate> candidates(ServingStrategy strategy) {
    List<Candidate> candidates = new ArrayList<>();
    strategy.enumerate(
        candidate -> {
          if (candidates.size() < MAX_CANDIDATES) {
            candidates.add(candidate);
          }
        });
    return candidates;
  }

  private List<ServingResult> evaluateAll(ServingStrategy strategy) {
    return candidates(strategy).stream().map(strategy::evaluate).toList();
  }

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(StrategyProvider.class, createProvider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    PluginTestKit.assertDiscoverable("strategy", createProvider().id());
  }

  @Test
  void hasValidIdAndUniqueOptionKeys() {
    StrategyProvider provider = createProvider();
    assertThat(Checks.isValidId(provider.id())).as("id '%s'", provider.id()).isTrue();
    assertThat(provider.options()).extracting(OptionSpec::key).doesNotHaveDuplicates();
  }

  @Test
  void optionDefaultsRoundTripThroughText() {
    for (OptionSpec<?> option : createProvider().options()) {
      assertRoundTrip(option);
    }
  }

  private static <T> void assertRoundTrip(OptionSpec<T> option) {
    assertThat(option.parse(option.format(option.defaultValue())))
        .as("option '%s' default written and read back", option.key())
        .isEqualTo(option.defaultValue());
  }

  @Test
  void createsWithDefaultsAndWithEveryOptionSetToItsDefault() {
    StrategyProvider provider = createProvider();
    assertThat(candidates(provider.create(context(Map.of())))).as("candidates").isNotEmpty();
    Map<String, String> explicit = new LinkedHashMap<>();
    for (OptionSpec<?> option : provider.options()) {
      explicit.put(option.key(), formatDefault(option));
    }
    ServingStrategy withExplicit = provider.create(context(explicit));
    assertThat(evaluateAll(withExplicit))
        .isEqualTo(evaluateAll(provider.create(context(Map.of()))));
  }

  private static <T> String formatDefault(OptionSpec<T> option) {
    return option.format(option.defaultValue());
  }

  @Test
  void enumeratesAndEvaluatesDeterministically() {
    StrategyProvider provider = createProvider();
    List<ServingResult> first = evaluateAll(provider.create(context(Map.of())));
    List<ServingResult> second = evaluateAll(provider.create(context(Map.of())));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void givesIdenticalResultsFromManyThreads() {
    ServingStrategy strategy = createProvider().create(context(Map.of()));
    List<Candidate> candidates = candidates(strategy);
    List<ServingResult> sequential = candidates.stream().map(strategy::evaluate).toList();
    List<ServingResult> parallel = candidates.parallelStream().map(strategy::evaluate).toList();
    assertThat(parallel).isEqualTo(sequential);
  }

  @Test
  void feasibleResultsFitInMemoryAndObeyLittlesLaw() {
    StrategyProvider provider = createProvider();
    List<ServingResult> results = evaluateAll(provider.create(context(Map.of())));
    assertThat(results).as("at least one feasible result").anyMatch(ServingResult::feasible);
    for (ServingResult result : results) {
      if (!result.feasible()) {
        assertThat(result.reason()).as("reason of infeasible %s", result.knobs()).isNotBlank();
        continue;
      }
      for (MemoryUsage usage : result.memory()) {
        assertThat(usage.fits())
            .as("%s memory of feasible %s: %s", usage.group(), result.knobs(), usage)
            .isTrue();
      }
      assertThat(result.timePerOutputToken().seconds()).as("TPOT").isPositive();
      assertThat(result.timeToFirstToken().seconds()).as("TTFT").isPositive();
      assertThat(result.devices()).as("devices").isPositive();
      assertThat(result.devicesByRole().values().stream().mapToInt(Integer::intValue).sum())
          .as("devices by role of %s", result.knobs())
          .isEqualTo(result.devices());
      // Little's law: decoding sequences = output tokens per second × time per output token.
      assertThat(result.tokensPerSecond() * result.timePerOutputToken().seconds())
          .as("Little's law for %s", result.knobs())
          .isCloseTo(result.concurrency(), within(result.concurrency() * 0.01));
    }
  }

  @Test
  void declaredCapabilitiesHold() {
    StrategyProvider provider = createProvider();
    List<ServingResult> feasible =
        evaluateAll(provider.create(context(Map.of()))).stream()
            .filter(ServingResult::feasible)
            .toList();
    boolean attentionFfn =
        provider.capabilities().contains(StrategyCapability.ATTENTION_FFN_DISAGGREGATION);
    boolean prefillDecode =
        provider.capabilities().contains(StrategyCapability.PREFILL_DECODE_DISAGGREGATION);
    for (ServingResult result : feasible) {
      assertThat(
              result.devicesByRole().containsKey("attention")
                  && result.devicesByRole().containsKey("ffn"))
          .as(
              "attention and ffn roles of %s (ATTENTION_FFN_DISAGGREGATION declared: %s)",
              result.knobs(), attentionFfn)
          .isEqualTo(attentionFfn);
      assertThat(result.devicesByRole().containsKey("prefill"))
          .as(
              "prefill role of %s (PREFILL_DECODE_DISAGGREGATION declared: %s)",
              result.knobs(), prefillDecode)
          .isEqualTo(prefillDecode);
    }
    if (provider.capabilities().contains(StrategyCapability.HETEROGENEOUS_HARDWARE)) {
      assertThat(provider.options())
          .as("a strategy declaring HETEROGENEOUS_HARDWARE lets users pick a system per role")
          .anyMatch(option -> option.key().endsWith("-system"));
    }
  }
}

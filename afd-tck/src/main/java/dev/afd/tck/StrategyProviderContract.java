package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.internal.Checks;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StrategyCapability;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.explore.ResultAudit;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StrategyProvider} must meet: options round-trip, creation with defaults
 * and with each option at another value, deterministic enumeration and evaluation, thread safety,
 * feasible results that fit in memory, pass the engine's {@link ResultAudit} (layouts the model can
 * be sharded into) and obey Little's law, nothing feasible on devices too small for the model,
 * infeasible results with a reason, and declared capabilities that hold. Extend it and implement
 * {@link #createProvider()}; override {@link #context(Map)} when the strategy needs another model
 * or cluster than {@link TestingStrategyContext}'s.
 *
 * @since 0.1
 */
public abstract class StrategyProviderContract {
  private static final int MAX_CANDIDATES = 3000;

  /** Creates the contract; subclasses are JUnit test classes. */
  protected StrategyProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract StrategyProvider createProvider();

  /** {@return the provider, or a failure naming the cause and the line that threw} */
  private StrategyProvider provider() {
    return TckFailures.create(getClass(), "Strategy provider", this::createProvider);
  }

  /**
   * {@return the context the contract evaluates in, with the given raw options}
   *
   * @param options raw option values
   */
  protected StrategyContext context(Map<String, String> options) {
    return TestingStrategyContext.builder(provider(), options).build();
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
    PluginTestKit.assertRegistered(StrategyProvider.class, provider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    PluginTestKit.assertDiscoverable("strategy", provider().id());
  }

  @Test
  void hasValidIdAndUniqueOptionKeys() {
    StrategyProvider provider = provider();
    assertThat(Checks.isValidId(provider.id())).as("id '%s'", provider.id()).isTrue();
    assertThat(provider.options()).extracting(OptionSpec::key).doesNotHaveDuplicates();
  }

  @Test
  void optionDefaultsRoundTripThroughText() {
    for (OptionSpec<?> option : provider().options()) {
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
    StrategyProvider provider = provider();
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
    StrategyProvider provider = provider();
    List<ServingResult> first = evaluateAll(provider.create(context(Map.of())));
    List<ServingResult> second = evaluateAll(provider.create(context(Map.of())));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void givesIdenticalResultsFromManyThreads() {
    ServingStrategy strategy = provider().create(context(Map.of()));
    List<Candidate> candidates = candidates(strategy);
    List<ServingResult> sequential = candidates.stream().map(strategy::evaluate).toList();
    List<ServingResult> parallel = candidates.parallelStream().map(strategy::evaluate).toList();
    assertThat(parallel).isEqualTo(sequential);
  }

  @Test
  void feasibleResultsFitInMemoryAndObeyLittlesLaw() {
    StrategyProvider provider = provider();
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
      assertPassesTheEngineAudit(provider.id(), context(Map.of()), result, "default options");
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

  /**
   * Asserts what the explorer would otherwise do silently: a feasible result whose memory does not
   * fit or whose layout knobs the model cannot be sharded into ({@link ResultAudit}).
   */
  private static void assertPassesTheEngineAudit(
      String strategyId, StrategyContext context, ServingResult result, String where) {
    ServingResult audited =
        new ResultAudit(strategyId, context.model(), context.cluster()).check(result);
    assertThat(audited.reason())
        .as(
            "strategy '%s' with %s, feasible result %s (the explorer would turn it infeasible)",
            strategyId, where, result.knobs())
        .isEmpty();
  }

  @Test
  void reportsNothingFeasibleWhereTheModelCannotFit() {
    StrategyProvider provider = provider();
    StrategyContext roomy = context(Map.of());
    StrategyContext cramped = withMemoryPerDevice(roomy, CRAMPED_MEMORY);
    List<ServingResult> results = evaluateAll(provider.create(cramped));
    for (ServingResult result : results) {
      assertThat(result.feasible())
          .as(
              "strategy '%s' reported %s feasible on devices of %s, where model '%s' cannot fit"
                  + " (does the strategy check memory?)",
              provider.id(), result.knobs(), CRAMPED_MEMORY, cramped.model().id())
          .isFalse();
      assertThat(result.reason())
          .as("reason of infeasible %s of strategy '%s'", result.knobs(), provider.id())
          .isNotBlank();
    }
  }

  /** Memory per device in {@link #reportsNothingFeasibleWhereTheModelCannotFit}. */
  private static final DataSize CRAMPED_MEMORY = DataSize.ofMebibytes(1);

  /** {@return the context with every system's accelerator given {@code memory} per device} */
  private static StrategyContext withMemoryPerDevice(StrategyContext context, DataSize memory) {
    List<SystemSpec> systems = new ArrayList<>();
    for (SystemSpec system : context.cluster().systems()) {
      systems.add(
          new SystemSpec(
              system.id(),
              system.description(),
              system.accelerator().toBuilder().memoryCapacityPerDevice(memory).build(),
              system.dimensions()));
    }
    ClusterSpec cluster =
        new ClusterSpec(context.cluster().id(), systems, context.cluster().crossSystemFabric());
    return StrategyContext.builder()
        .model(context.model())
        .cluster(cluster)
        .workload(context.workload())
        .slo(context.slo())
        .deviceBudget(context.deviceBudget())
        .kernelCostModel(context.kernelCostModel())
        .networkModel(context.networkModel())
        .options(context.options())
        .build();
  }

  @Test
  void createsAndEvaluatesWithEachOptionAtAnotherValue() {
    StrategyProvider provider = provider();
    for (OptionSpec<?> option : provider.options()) {
      Optional<String> other = otherValue(option);
      if (other.isEmpty()) {
        continue;
      }
      String where = "option " + option.key() + "=" + other.get();
      StrategyContext context = context(Map.of(option.key(), other.get()));
      ServingStrategy strategy;
      try {
        strategy = provider.create(context);
      } catch (RuntimeException e) {
        throw new AssertionError(
            "strategy '"
                + provider.id()
                + "' failed in create() with "
                + where
                + ": "
                + TckFailures.describe(e),
            e);
      }
      List<Candidate> candidates = candidates(strategy);
      for (Candidate candidate : candidates.subList(0, Math.min(candidates.size(), 300))) {
        ServingResult result = strategy.evaluate(candidate);
        if (result.feasible()) {
          assertPassesTheEngineAudit(provider.id(), context, result, where);
        } else {
          assertThat(result.reason())
              .as("strategy '%s' with %s: reason of infeasible %s", provider.id(), where, result)
              .isNotBlank();
        }
      }
    }
  }

  /**
   * {@return a valid value other than the default, as text: the first element of a list, twice a
   * number or quantity; empty for text and choices, whose other values the contract cannot know}
   */
  private static <T> Optional<String> otherValue(OptionSpec<T> option) {
    T value = option.defaultValue();
    List<String> tries = new ArrayList<>();
    if (value instanceof List<?> list && list.size() > 1) {
      // The list is the option's own default type; its first element alone is a list of that type.
      @SuppressWarnings("unchecked")
      T first = (T) List.copyOf(list.subList(0, 1));
      tries.add(option.format(first));
    } else if (value instanceof Integer number) {
      tries.add(Integer.toString(number + 1));
    } else if (value instanceof Double number) {
      tries.add(Double.toString(number * 2));
      tries.add(Double.toString(number / 2));
    } else if (value instanceof DataSize size) {
      tries.add(DataSize.ofBytes(size.bytes() * 2 + 1024).toString());
    } else if (value instanceof TimeSpan span) {
      tries.add(TimeSpan.ofSeconds(span.seconds() * 2 + 1e-3).toString());
    }
    for (String text : tries) {
      try {
        if (!option.parse(text).equals(value)) {
          return Optional.of(text);
        }
      } catch (RuntimeException outOfRange) {
        // Not valid for this option (for example outside a number's range): try the next one.
      }
    }
    return Optional.empty();
  }

  @Test
  void declaredCapabilitiesHold() {
    StrategyProvider provider = provider();
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

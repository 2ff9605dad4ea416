package dev.afd.engine.conventions;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudySpec;
import dev.afd.spi.Conventions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Explains why two conventions profiles disagree about a study: re-runs each workload × strategy
 * with the assumptions switched from the study's conventions to the other profile's rules, one at a
 * time ("alone") and cumulatively in catalog order, and marks each switch that flips whether the
 * strategy meets the SLO or moves its best tokens/s/GPU by more than {@value #THRESHOLD_PERCENT} %.
 *
 * <p>Only the strategies an assumption prices are re-run for it (plus every strategy afd does not
 * ship, which may read any assumption), so the attribution of the paper study costs a few study
 * runs. Stateless; the runner decides threads.
 */
public final class Attribution {
  /** A move of the best tokens/s/GPU larger than this, in percent, is significant. */
  public static final double THRESHOLD_PERCENT = 10;

  /**
   * The strategies the catalog says price some assumption (the ones afd ships); any other may read
   * any assumption.
   */
  private static final Set<String> CATALOGUED =
      ConventionProfiles.assumptions().stream()
          .flatMap(assumption -> assumption.strategies().stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private Attribution() {}

  /**
   * The best a strategy achieves in one scenario under some conventions.
   *
   * @param meetsSlo whether any candidate meets the SLO
   * @param tokensPerSecondPerDevice its best tokens/s/GPU under the SLO, 0 when none meets it
   * @param devices devices of that candidate, 0 when none
   * @param config its knobs as {@code key=value} words, empty when none
   */
  public record Best(
      boolean meetsSlo, double tokensPerSecondPerDevice, int devices, String config) {
    /** The outcome of a strategy that meets the SLO nowhere. */
    public static final Best NONE = new Best(false, 0, 0, "");

    /** {@return the best of a strategy outcome} */
    public static Best of(StrategyOutcome outcome) {
      Optional<ServingResult> best = outcome.bestPerDevice();
      return best.map(
              result ->
                  new Best(
                      true,
                      result.tokensPerSecondPerDevice(),
                      result.devices(),
                      String.join(
                          " ",
                          result.knobs().entrySet().stream()
                              .map(knob -> knob.getKey() + "=" + knob.getValue())
                              .toList())))
          .orElse(NONE);
    }

    /** {@return the tokens/s/GPU with one decimal, or "-" when the SLO is met nowhere} */
    public String text() {
      return meetsSlo ? String.format(Locale.ROOT, "%.1f", tokensPerSecondPerDevice) : "-";
    }
  }

  /**
   * {@return whether going from {@code before} to {@code after} flips meeting the SLO or moves the
   * best tokens/s/GPU by more than {@value #THRESHOLD_PERCENT} %}
   */
  public static boolean significant(Best before, Best after) {
    if (before.meetsSlo() != after.meetsSlo()) {
      return true;
    }
    if (!before.meetsSlo()) {
      return false;
    }
    return Math.abs(after.tokensPerSecondPerDevice() / before.tokensPerSecondPerDevice() - 1)
        > THRESHOLD_PERCENT / 100;
  }

  /**
   * One switch of one assumption for one workload × strategy.
   *
   * @param assumption the assumption switched
   * @param alone the best with only this assumption switched
   * @param cumulative the best with this and every earlier assumption switched
   * @param aloneSignificant whether {@code alone} differs significantly from the starting point
   * @param cumulativeSignificant whether {@code cumulative} differs significantly from the previous
   *     cumulative step
   */
  public record Switch(
      String assumption,
      Best alone,
      Best cumulative,
      boolean aloneSignificant,
      boolean cumulativeSignificant) {}

  /**
   * The attribution of one workload × strategy.
   *
   * @param model the model id
   * @param hardware the hardware, as explore's header names it
   * @param workload the workload id
   * @param strategy the strategy id
   * @param from the best under the study's conventions
   * @param to the best under the other profile
   * @param switches each assumption that prices this strategy, in catalog order
   */
  public record Row(
      String model,
      String hardware,
      String workload,
      String strategy,
      Best from,
      Best to,
      List<Switch> switches) {
    /** Copies the switches. */
    public Row {
      switches = List.copyOf(switches);
    }

    /** {@return whether the two profiles disagree significantly} */
    public boolean disagrees() {
      return significant(from, to);
    }

    /**
     * {@return the assumptions that explain the disagreement: each that is significant alone; if
     * none is, each cumulative step that is; if none is either, each switch that moves the best at
     * all (marked "small"); empty when the profiles agree}
     */
    public List<String> explainedBy() {
      if (!disagrees()) {
        return List.of();
      }
      List<String> alone =
          switches.stream().filter(Switch::aloneSignificant).map(Switch::assumption).toList();
      if (!alone.isEmpty()) {
        return alone;
      }
      List<String> cumulative =
          switches.stream()
              .filter(Switch::cumulativeSignificant)
              .map(step -> step.assumption() + " (cumulative)")
              .toList();
      if (!cumulative.isEmpty()) {
        return cumulative;
      }
      // Several small moves add up: name every switch that moves the best at all.
      return switches.stream()
          .filter(
              step ->
                  step.alone().meetsSlo() != from.meetsSlo()
                      || step.alone().tokensPerSecondPerDevice() != from.tokensPerSecondPerDevice())
          .map(step -> step.assumption() + " (small)")
          .toList();
    }
  }

  /**
   * The attribution of a study.
   *
   * @param study the study's name
   * @param from the study's conventions
   * @param to the other profile
   * @param rows one per workload × strategy, in study order
   */
  public record Report(String study, String from, String to, List<Row> rows) {
    /** Copies the rows. */
    public Report {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Attributes the disagreement between a study's conventions and another profile.
   *
   * @param study the study (its conventions are the starting point)
   * @param base the study's result under its own conventions (the explore run)
   * @param toProfile the profile to switch to, for example {@code aic}
   * @param runner runs a study (its conventions included) and returns its result
   * @return the report
   */
  public static Report run(
      StudySpec study,
      StudyResult base,
      String toProfile,
      Function<StudySpec, StudyResult> runner) {
    requireNonNull(runner, "runner");
    Conventions from = study.conventions();
    Conventions to = ConventionProfiles.profile(toProfile, "attribution profile");
    List<ConventionProfiles.Assumption> differing = new ArrayList<>();
    for (ConventionProfiles.Assumption assumption : ConventionProfiles.assumptions()) {
      if (!from.rule(assumption.id()).equals(to.rule(assumption.id()))) {
        differing.add(assumption);
      }
    }
    Map<String, Best> baseline = bests(base);
    Map<String, Map<String, Best>> cache = new LinkedHashMap<>();
    remember(cache, from, baseline);
    List<Map<String, Best>> alone = new ArrayList<>();
    List<Map<String, Best>> cumulative = new ArrayList<>();
    Map<String, String> switched = new TreeMap<>();
    List<String> cumulativeStrategies = new ArrayList<>();
    for (ConventionProfiles.Assumption assumption : differing) {
      String rule = to.rule(assumption.id());
      List<String> strategies = affected(study, assumption);
      alone.add(
          run(
              study,
              runner,
              override(from, Map.of(assumption.id(), rule)),
              strategies,
              baseline,
              cache));
      switched.put(assumption.id(), rule);
      for (String strategy : strategies) {
        if (!cumulativeStrategies.contains(strategy)) {
          cumulativeStrategies.add(strategy);
        }
      }
      cumulative.add(
          run(study, runner, override(from, switched), cumulativeStrategies, baseline, cache));
    }
    Map<String, Best> target =
        cumulative.isEmpty() ? baseline : cumulative.get(differing.size() - 1);
    List<Row> rows = new ArrayList<>();
    for (ScenarioResult scenario : base.scenarios()) {
      for (StrategyOutcome outcome : scenario.outcomes()) {
        String key = key(scenario, outcome.strategyId());
        List<Switch> switches = new ArrayList<>();
        Best previous = baseline.get(key);
        for (int index = 0; index < differing.size(); index++) {
          ConventionProfiles.Assumption assumption = differing.get(index);
          if (!affects(assumption, outcome.strategyId())) {
            continue;
          }
          Best single = alone.get(index).get(key);
          Best step = cumulative.get(index).get(key);
          switches.add(
              new Switch(
                  assumption.id(),
                  single,
                  step,
                  significant(baseline.get(key), single),
                  significant(previous, step)));
          previous = step;
        }
        rows.add(
            new Row(
                scenario.scenario().model().id(),
                scenario.scenario().hardware(),
                scenario.scenario().workload().id(),
                outcome.strategyId(),
                baseline.get(key),
                target.get(key),
                switches));
      }
    }
    return new Report(study.name(), from.profile(), to.profile(), rows);
  }

  private static Conventions override(Conventions from, Map<String, String> rules) {
    return ConventionProfiles.override(from, rules, "attribution");
  }

  /** {@return the bests of a run of some strategies, the baseline's for the others} */
  private static Map<String, Best> run(
      StudySpec study,
      Function<StudySpec, StudyResult> runner,
      Conventions conventions,
      List<String> strategies,
      Map<String, Best> baseline,
      Map<String, Map<String, Best>> cache) {
    Map<String, Best> bests = new LinkedHashMap<>(baseline);
    // A strategy is re-run only under rules it has not been run under: the rules it reads.
    List<StrategyRun> runs = new ArrayList<>();
    for (StrategyRun run : study.strategies()) {
      if (!strategies.contains(run.strategyId())) {
        continue;
      }
      Map<String, Best> cached = cache.get(effectiveRules(conventions, run.strategyId()));
      if (cached == null) {
        runs.add(run);
      } else {
        bests.putAll(cached);
      }
    }
    if (!runs.isEmpty()) {
      Map<String, Best> fresh =
          bests(
              runner.apply(
                  new StudySpec(
                      study.name(),
                      study.models(),
                      study.systems(),
                      study.workloads(),
                      runs,
                      study.network(),
                      conventions)));
      remember(cache, conventions, fresh);
      bests.putAll(fresh);
    }
    return bests;
  }

  /** Files each strategy's bests under the rules it read. */
  private static void remember(
      Map<String, Map<String, Best>> cache, Conventions conventions, Map<String, Best> bests) {
    bests.forEach(
        (key, best) -> {
          String strategy = key.substring(key.lastIndexOf('\u0000') + 1);
          cache
              .computeIfAbsent(
                  effectiveRules(conventions, strategy), rules -> new LinkedHashMap<>())
              .put(key, best);
        });
  }

  /** {@return the strategy and the rule of every assumption that prices it} */
  private static String effectiveRules(Conventions conventions, String strategy) {
    StringBuilder rules = new StringBuilder(strategy);
    for (ConventionProfiles.Assumption assumption : ConventionProfiles.assumptions()) {
      if (affects(assumption, strategy)) {
        rules
            .append(' ')
            .append(assumption.id())
            .append('=')
            .append(conventions.rule(assumption.id()));
      }
    }
    return rules.toString();
  }

  private static List<String> affected(StudySpec study, ConventionProfiles.Assumption assumption) {
    return study.strategies().stream()
        .map(StrategyRun::strategyId)
        .filter(strategy -> affects(assumption, strategy))
        .toList();
  }

  private static boolean affects(ConventionProfiles.Assumption assumption, String strategy) {
    return assumption.strategies().contains(strategy) || !CATALOGUED.contains(strategy);
  }

  private static Map<String, Best> bests(StudyResult result) {
    Map<String, Best> bests = new LinkedHashMap<>();
    for (ScenarioResult scenario : result.scenarios()) {
      for (StrategyOutcome outcome : scenario.outcomes()) {
        bests.put(key(scenario, outcome.strategyId()), Best.of(outcome));
      }
    }
    return bests;
  }

  /** Scenarios are told apart by model, hardware and workload. */
  private static String key(ScenarioResult scenario, String strategy) {
    return scenario.scenario().model().id()
        + '\u0000'
        + scenario.scenario().hardware()
        + '\u0000'
        + scenario.scenario().workload().id()
        + '\u0000'
        + strategy;
  }
}

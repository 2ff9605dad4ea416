package dev.afd.simulate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.Precision;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.estimate.Estimator;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.spi.Conventions;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fully specified configuration of {@code agg}, {@code pd}, {@code agg-afd} or {@code pd-afd}
 * turned into a {@link Deployment}: the strategy's own candidate (the same options and {@code
 * --set} knobs as {@code afd estimate}) gives the ranks, batches and chunk; its described steps
 * give each rank's sharding and system, priced by a {@link StepIterationPricer} memoized per shape
 * bucket; its memory rows give each rank's KV capacity; its KV transfer gives the transfer time per
 * token.
 *
 * @param deployment what the simulation serves
 * @param closedForm the strategy's own (steady-state) result for the same configuration
 * @param pricers the memoized pricers, for how many shapes they priced
 */
public record SimulationTarget(
    Deployment deployment, ServingResult closedForm, List<BucketedIterationPricer> pricers) {

  /** Strategies the simulation runs. */
  static final List<String> STRATEGIES = List.of("agg", "pd", "agg-afd", "pd-afd");

  /** {@return whether the simulation runs a strategy: agg, pd, agg-afd and pd-afd} */
  public static boolean simulates(String strategyId) {
    return STRATEGIES.contains(strategyId);
  }

  /**
   * Builds the deployment of one configuration.
   *
   * @param engine the engine, for the strategy's declared option defaults
   * @param explorer builds the strategy as {@code afd estimate} does
   * @param scenario the scenario
   * @param run the strategy and its options
   * @param costModel the kernel cost model
   * @param network the network model of the scenario's cluster
   * @throws AfdConfigurationException when the strategy is not simulated, the options leave other
   *     than one candidate, or the configuration does not fit in memory
   */
  public static SimulationTarget of(
      AfdEngine engine,
      Explorer explorer,
      Scenario scenario,
      StrategyRun run,
      KernelCostModel costModel,
      NetworkModel network) {
    String strategyId = run.strategyId();
    if (!STRATEGIES.contains(strategyId)) {
      throw new AfdConfigurationException(
          "Option --strategy '" + strategyId + "' is not simulated; expected one of " + STRATEGIES);
    }
    ServingStrategy strategy = explorer.strategy(scenario, run);
    Candidate candidate = Estimator.onlyCandidate(strategy, scenario, run);
    return of(engine, explorer, scenario, run, strategy, candidate, costModel, network);
  }

  /**
   * Builds the deployment of one candidate of a strategy built for the scenario (as {@code afd
   * explore --refine} does with the candidates it found).
   *
   * @param engine the engine, for the strategy's declared option defaults
   * @param explorer built the strategy
   * @param scenario the scenario
   * @param run the strategy and its options
   * @param strategy the strategy, from {@link Explorer#strategy}
   * @param candidate one of its candidates
   * @param costModel the kernel cost model
   * @param network the network model of the scenario's cluster
   * @throws AfdConfigurationException when the configuration does not fit in memory
   */
  public static SimulationTarget of(
      AfdEngine engine,
      Explorer explorer,
      Scenario scenario,
      StrategyRun run,
      ServingStrategy strategy,
      Candidate candidate,
      KernelCostModel costModel,
      NetworkModel network) {
    String strategyId = run.strategyId();
    List<OptionSpec<?>> declared = engine.strategy(strategyId).options();
    StrategyOptions options = StrategyOptions.parse(strategyId, declared, run.options());
    ServingResult result = strategy.evaluate(candidate);
    List<StepDescription> steps = strategy.describe(candidate);
    MoeModelSpec model = explorer.servedModel(scenario);
    Map<String, String> knobs = result.knobs();
    Speculation speculation = speculation(options, declared, model);
    Target target =
        new Target(model, scenario, costModel, network, explorer.conventions(), options, declared);
    switch (strategyId) {
      case "agg":
        {
          StepDescription step = mixerStep(steps, "iteration", result);
          long kv = kvCapacityTokens(result, "replica", model, step);
          BucketedIterationPricer pricer = target.pricer(step);
          int ranks = knob(knobs, "replicas") * knob(knobs, "dp");
          Deployment deployment =
              new Deployment.Aggregated(
                  ranks,
                  knob(knobs, "batch"),
                  knob(knobs, "chunk"),
                  kv,
                  pricer,
                  result.devices(),
                  speculation);
          return new SimulationTarget(deployment, result, List.of(pricer));
        }
      case "agg-afd":
        {
          StepDescription attention = mixerStep(steps, "micro-batch", result);
          long kv = kvCapacityTokens(result, "attention", model, attention);
          BucketedIterationPricer pricer = target.unitPricer(steps, attention, knobs);
          int ranks = knob(knobs, "units") * knob(knobs, "attention-dp");
          Deployment deployment =
              new Deployment.Aggregated(
                  ranks, knob(knobs, "batch"), knob(knobs, "chunk"), kv, pricer, result.devices());
          return new SimulationTarget(deployment, result, List.of(pricer));
        }
      default:
        break;
    }
    boolean units = strategyId.equals("pd-afd");
    StepDescription decodeStep = mixerStep(steps, units ? "micro-batch" : "decode", result);
    StepDescription prefillStep = mixerStep(steps, "prefill", result);
    long kv = kvCapacityTokens(result, units ? "attention" : "decode", model, decodeStep);
    BucketedIterationPricer decode =
        units ? target.unitPricer(steps, decodeStep, knobs) : target.pricer(decodeStep);
    BucketedIterationPricer prefill = target.pricer(prefillStep);
    boolean prefixOnDecode = target.option("prefix-on-decode").equals("yes");
    WorkloadSpec workload = scenario.workload();
    long transferred = workload.inputTokens() + (prefixOnDecode ? 0 : workload.prefixTokens());
    Deployment deployment =
        new Deployment.Disaggregated(
            knob(knobs, "prefill-workers") * knob(knobs, "prefill-dp"),
            knob(knobs, "prefill-batch"),
            prefill,
            units
                ? knob(knobs, "units") * knob(knobs, "attention-dp")
                : knob(knobs, "decode-workers") * knob(knobs, "decode-dp"),
            units ? knob(knobs, "batch") : knob(knobs, "decode-batch"),
            kv,
            decode,
            result.kvTransfer().seconds() / transferred,
            prefixOnDecode,
            result.devices(),
            speculation);
    return new SimulationTarget(deployment, result, List.of(prefill, decode));
  }

  /** What every pricer of one configuration shares. */
  private record Target(
      MoeModelSpec model,
      Scenario scenario,
      KernelCostModel costModel,
      NetworkModel network,
      Conventions conventions,
      StrategyOptions options,
      List<OptionSpec<?>> declared) {

    /** {@return a step's pricer, memoized by shape bucket} */
    BucketedIterationPricer pricer(StepDescription step) {
      return new BucketedIterationPricer(
          new StepIterationPricer(
              model, scenario.cluster(), costModel, network, step.sharding(), step.systemIndex()));
    }

    /**
     * {@return the pricer of an AFD unit's iteration: its attention step and the FFN step beside
     * it, the micro-batches and router of its knobs}
     */
    BucketedIterationPricer unitPricer(
        List<StepDescription> steps, StepDescription attention, Map<String, String> knobs) {
      int ffnSystem = attention.systemIndex();
      for (StepDescription step : steps) {
        if (step.name().equals(attention.name()) && step.feedForward()) {
          ffnSystem = step.systemIndex();
        }
      }
      return new BucketedIterationPricer(
          new AfdIterationPricer(
              model,
              scenario.cluster(),
              costModel,
              network,
              attention.sharding(),
              attention.systemIndex(),
              ffnSystem,
              knob(knobs, "micro-batches"),
              knobs.get("router").equals("attention"),
              Precision.parse(option("dispatch-precision")),
              conventions.follows(AFD_PIPELINE, AIC)));
    }

    /** {@return an option's value as text: the run's, else the strategy's declared default} */
    String option(String key) {
      return SimulationTarget.option(options, declared, key);
    }
  }

  /** The conventions' assumption of the AFD pipeline's composition, and AIConfigurator's rule. */
  private static final String AFD_PIPELINE = "afd-pipeline";

  private static final String AIC = "aic";

  private static String option(StrategyOptions options, List<OptionSpec<?>> declared, String key) {
    for (OptionSpec<?> spec : declared) {
      if (spec.key().equals(key)) {
        return text(options, spec);
      }
    }
    throw new IllegalStateException("the strategy declares no option '" + key + "'");
  }

  private static <T> String text(StrategyOptions options, OptionSpec<T> spec) {
    return spec.format(options.get(spec));
  }

  /**
   * {@return the strategy's MTP speculation ({@code mtp}, {@code mtp-acceptance}, drafts beyond the
   * list at the declared default's rates), none where the strategy declares no MTP}
   */
  private static Speculation speculation(
      StrategyOptions options, List<OptionSpec<?>> declared, MoeModelSpec model) {
    for (OptionSpec<?> spec : declared) {
      if (spec.key().equals("mtp")) {
        int drafts = (int) Math.round(Double.parseDouble(text(options, spec)));
        for (OptionSpec<?> rates : declared) {
          if (rates.key().equals("mtp-acceptance")) {
            return Speculation.of(
                drafts,
                rates(text(options, rates)),
                rates(String.valueOf(rates.defaultValue())),
                model.layerCount());
          }
        }
      }
    }
    return Speculation.NONE;
  }

  /** {@return comma-separated rates; the strategy validated them when it was created} */
  private static double[] rates(String text) {
    String[] parts = text.split(",", -1);
    double[] rates = new double[parts.length];
    for (int index = 0; index < parts.length; index++) {
      rates[index] = Double.parseDouble(parts[index].trim());
    }
    return rates;
  }

  private static StepDescription mixerStep(
      List<StepDescription> steps, String name, ServingResult result) {
    for (StepDescription step : steps) {
      if (step.name().equals(name) && !step.feedForward()) {
        return step;
      }
    }
    throw new AfdConfigurationException(
        "Configuration " + result.knobs() + " cannot be simulated: " + reason(result));
  }

  private static String reason(ServingResult result) {
    return result.reason().isEmpty() ? "its strategy describes no steps" : result.reason();
  }

  /**
   * {@return KV tokens one rank holds: what a device of the group has left after weights,
   * activations and the runtime reserve, over the KV bytes a token takes on it}
   */
  private static long kvCapacityTokens(
      ServingResult result, String group, MoeModelSpec model, StepDescription step) {
    for (MemoryUsage memory : result.memory()) {
      if (memory.group().equals(group)) {
        double free =
            memory.capacity().bytes()
                - memory.weights().bytes()
                - memory.activations().bytes()
                - memory.reserve().bytes();
        long tokens = (long) Math.floor(free / model.kvBytesPerTokenPerDevice(step.sharding()));
        if (tokens < 1) {
          break;
        }
        return tokens;
      }
    }
    throw new AfdConfigurationException(
        String.format(
            Locale.ROOT,
            "Configuration %s cannot be simulated: %s",
            result.knobs(),
            result.feasible() ? "no KV cache fits beside the weights" : result.reason()));
  }

  private static int knob(Map<String, String> knobs, String key) {
    return Integer.parseInt(knobs.get(key));
  }
}

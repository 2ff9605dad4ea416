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
import dev.afd.engine.estimate.Estimator;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fully specified configuration of {@code agg} or {@code pd} turned into a {@link Deployment}:
 * the strategy's own candidate (the same options and {@code --set} knobs as {@code afd estimate})
 * gives the ranks, batches and chunk; its described steps give each rank's sharding and system,
 * priced by a {@link StepIterationPricer} memoized per shape bucket; its memory rows give each
 * rank's KV capacity; its KV transfer gives the transfer time per token.
 *
 * @param deployment what the simulation serves
 * @param closedForm the strategy's own (steady-state) result for the same configuration
 * @param pricers the memoized pricers, for how many shapes they priced
 */
public record SimulationTarget(
    Deployment deployment, ServingResult closedForm, List<BucketedIterationPricer> pricers) {

  /** Strategies the simulation runs. */
  static final List<String> STRATEGIES = List.of("agg", "pd");

  /**
   * Builds the deployment of one configuration.
   *
   * @throws AfdConfigurationException when the strategy is not simulated, the options leave other
   *     than one candidate, or the configuration does not fit in memory
   */
  public static SimulationTarget of(
      Explorer explorer,
      Scenario scenario,
      StrategyRun run,
      KernelCostModel costModel,
      NetworkModel network) {
    String strategyId = run.strategyId();
    if (!STRATEGIES.contains(strategyId)) {
      throw new AfdConfigurationException(
          "Option --strategy '"
              + strategyId
              + "' is not simulated; expected one of "
              + STRATEGIES
              + " (agg-afd and pd-afd are not simulated yet)");
    }
    String mtp = run.options().getOrDefault("mtp", "0");
    if (!mtp.equals("0")) {
      throw new AfdConfigurationException(
          "Option --set "
              + strategyId
              + ".mtp '"
              + mtp
              + "' is not simulated; expected 0 (no speculative decoding)");
    }
    ServingStrategy strategy = explorer.strategy(scenario, run);
    Candidate candidate = Estimator.onlyCandidate(strategy, scenario, run);
    ServingResult result = strategy.evaluate(candidate);
    List<StepDescription> steps = strategy.describe(candidate);
    MoeModelSpec model = explorer.servedModel(scenario);
    Map<String, String> knobs = result.knobs();
    if (strategyId.equals("agg")) {
      StepDescription step = mixerStep(steps, "iteration", result);
      long kv = kvCapacityTokens(result, "replica", model, step);
      BucketedIterationPricer pricer = pricer(model, scenario, costModel, network, step);
      int ranks = knob(knobs, "replicas") * knob(knobs, "dp");
      Deployment deployment =
          new Deployment.Aggregated(
              ranks, knob(knobs, "batch"), knob(knobs, "chunk"), kv, pricer, result.devices());
      return new SimulationTarget(deployment, result, List.of(pricer));
    }
    StepDescription decodeStep = mixerStep(steps, "decode", result);
    StepDescription prefillStep = mixerStep(steps, "prefill", result);
    long kv = kvCapacityTokens(result, "decode", model, decodeStep);
    BucketedIterationPricer decode = pricer(model, scenario, costModel, network, decodeStep);
    BucketedIterationPricer prefill = pricer(model, scenario, costModel, network, prefillStep);
    boolean prefixOnDecode = run.options().getOrDefault("prefix-on-decode", "yes").equals("yes");
    WorkloadSpec workload = scenario.workload();
    long transferred = workload.inputTokens() + (prefixOnDecode ? 0 : workload.prefixTokens());
    Deployment deployment =
        new Deployment.Disaggregated(
            knob(knobs, "prefill-workers") * knob(knobs, "prefill-dp"),
            knob(knobs, "prefill-batch"),
            prefill,
            knob(knobs, "decode-workers") * knob(knobs, "decode-dp"),
            knob(knobs, "decode-batch"),
            kv,
            decode,
            result.kvTransfer().seconds() / transferred,
            prefixOnDecode,
            result.devices());
    return new SimulationTarget(deployment, result, List.of(prefill, decode));
  }

  private static BucketedIterationPricer pricer(
      MoeModelSpec model,
      Scenario scenario,
      KernelCostModel costModel,
      NetworkModel network,
      StepDescription step) {
    return new BucketedIterationPricer(
        new StepIterationPricer(
            model, scenario.cluster(), costModel, network, step.sharding(), step.systemIndex()));
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

package dev.afd.simulate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code afd explore --refine K}: the best {@code K} candidates of each strategy meeting the SLO in
 * closed form (by tokens/s/GPU) run through the simulation, each as a closed loop of as many
 * clients as its concurrency (every batch slot busy, as the closed form and the silicon benchmarks
 * run it), and re-ranked by simulated goodput: the simulated tokens/s/GPU when at least {@code P} %
 * of the requests meet both the TTFT and TPOT limits, else 0; ties by the closed form's
 * tokens/s/GPU.
 */
public final class Refinement {
  private Refinement() {}

  /**
   * One refined candidate.
   *
   * @param closedForm the candidate's closed-form result
   * @param simulated what the simulation measured, null when it could not be simulated
   * @param goodputPerDevice simulated tokens/s/GPU if at least the percentile met the SLO, else 0
   * @param reason why it was not simulated, empty otherwise
   */
  public record Refined(
      ServingResult closedForm,
      @Nullable SimulationResult simulated,
      double goodputPerDevice,
      String reason) {

    /** {@return what the reports show of this candidate} */
    public Ranked ranked() {
      return new Ranked(
          closedForm,
          simulated == null
              ? null
              : new Figures(
                  simulated.tokensPerSecondPerDevice(),
                  simulated.goodput(),
                  simulated.timeToFirstToken().p90(),
                  simulated.timePerOutputToken().p90()),
          goodputPerDevice,
          reason);
    }
  }

  /**
   * The simulated figures a refined candidate is reported with.
   *
   * @param tokensPerSecondPerDevice simulated output tokens/s/GPU
   * @param meetingSlo the share of completed requests meeting both SLO limits
   * @param ttftP90Seconds the 90th percentile TTFT
   * @param tpotP90Seconds the 90th percentile TPOT
   */
  public record Figures(
      double tokensPerSecondPerDevice,
      double meetingSlo,
      double ttftP90Seconds,
      double tpotP90Seconds) {}

  /**
   * One refined candidate as {@link RefineReport} shows it: small and plain, so it can be made
   * where the simulation ran and reported elsewhere.
   *
   * @param closedForm the candidate's closed-form result
   * @param simulated the simulated figures, null when it could not be simulated
   * @param goodputPerDevice simulated tokens/s/GPU if at least the percentile met the SLO, else 0
   * @param reason why it was not simulated, empty otherwise
   */
  public record Ranked(
      ServingResult closedForm,
      @Nullable Figures simulated,
      double goodputPerDevice,
      String reason) {}

  /** Keeps, per strategy, the best {@code k} results meeting the SLO; results arrive in order. */
  public static final class Best implements Consumer<ServingResult> {
    private static final Comparator<ServingResult> BETTER =
        Comparator.comparingDouble(ServingResult::tokensPerSecondPerDevice).reversed();
    private final int k;
    private final SloSpec slo;
    private final Map<String, List<ServingResult>> best = new LinkedHashMap<>();

    /**
     * Keeps the best {@code k} per strategy.
     *
     * @param k candidates to keep per strategy, at least 1
     * @param slo the scenario's SLO
     */
    public Best(int k, SloSpec slo) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
      this.k = k;
      this.slo = slo;
    }

    @Override
    public void accept(ServingResult result) {
      if (!result.feasible() || !result.meets(slo)) {
        return;
      }
      List<ServingResult> kept = best.computeIfAbsent(result.strategy(), key -> new ArrayList<>());
      // Stable: an equal result found later stays behind the earlier one.
      int at = kept.size();
      while (at > 0 && BETTER.compare(result, kept.get(at - 1)) < 0) {
        at--;
      }
      if (at < k) {
        kept.add(at, result);
        if (kept.size() > k) {
          kept.remove(k);
        }
      }
    }

    /** {@return the kept results of a strategy, best first} */
    public List<ServingResult> of(String strategyId) {
      return List.copyOf(best.getOrDefault(strategyId, List.of()));
    }
  }

  /**
   * Simulates and re-ranks the best results of one strategy in one scenario.
   *
   * @param engine the engine
   * @param explorer the explorer of the search
   * @param scenario the scenario
   * @param run the strategy and its options, as searched
   * @param best the strategy's best results in closed form
   * @param percentile share in percent of requests that must meet the SLO, in (0, 100]
   * @param requests requests per simulation
   * @param seed the simulations' seed
   * @param costModel the kernel cost model
   * @param network the network model of the scenario's cluster
   * @return the results re-ranked, best first
   */
  public static List<Refined> refine(
      AfdEngine engine,
      Explorer explorer,
      Scenario scenario,
      StrategyRun run,
      List<ServingResult> best,
      double percentile,
      long requests,
      long seed,
      KernelCostModel costModel,
      NetworkModel network) {
    List<Refined> refined = new ArrayList<>();
    if (best.isEmpty()) {
      return refined;
    }
    if (!SimulationTarget.STRATEGIES.contains(run.strategyId())) {
      for (ServingResult result : best) {
        refined.add(new Refined(result, null, 0, "strategy not simulated"));
      }
      return refined;
    }
    ServingStrategy strategy = explorer.strategy(scenario, run);
    Candidate[] candidates = new Candidate[best.size()];
    strategy.enumerate(
        candidate -> {
          for (int index = 0; index < candidates.length; index++) {
            if (candidates[index] == null && matches(candidate, best.get(index))) {
              candidates[index] = candidate;
            }
          }
        });
    WorkloadSpec workload = scenario.workload();
    for (int index = 0; index < candidates.length; index++) {
      ServingResult result = best.get(index);
      if (candidates[index] == null) {
        refined.add(new Refined(result, null, 0, "candidate not found again"));
        continue;
      }
      try {
        SimulationTarget target =
            SimulationTarget.of(
                engine, explorer, scenario, run, strategy, candidates[index], costModel, network);
        int clients = (int) Math.max(1, Math.round(result.concurrency()));
        SimulationSpec spec =
            new SimulationSpec(
                new Arrivals.Closed(clients, 0),
                requests,
                new LengthDistribution.Fixed(workload.inputTokens()),
                new LengthDistribution.Fixed(workload.outputTokens()),
                workload.prefixTokens(),
                1,
                seed,
                scenario.slo());
        SimulationResult simulated = Simulation.run(target.deployment(), spec, null);
        double goodput =
            simulated.goodput() * 100 >= percentile ? simulated.tokensPerSecondPerDevice() : 0;
        refined.add(new Refined(result, simulated, goodput, ""));
      } catch (AfdConfigurationException e) {
        refined.add(new Refined(result, null, 0, e.getMessage()));
      }
    }
    refined.sort(
        Comparator.comparingDouble(Refined::goodputPerDevice)
            .thenComparingDouble(refinedOne -> refinedOne.closedForm().tokensPerSecondPerDevice())
            .reversed());
    return refined;
  }

  /** {@return whether the candidate's knobs are all the result's (its result adds more)} */
  private static boolean matches(Candidate candidate, ServingResult result) {
    for (Map.Entry<String, String> knob : candidate.knobs().entrySet()) {
      if (!knob.getValue().equals(result.knobs().get(knob.getKey()))) {
        return false;
      }
    }
    return true;
  }
}

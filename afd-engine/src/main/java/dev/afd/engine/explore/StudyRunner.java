package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.strategy.ServingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link StudySpec} scenario by scenario with an {@link Explorer}.
 *
 * <p>Systems are resized to the device budget (their outermost dimension grows or shrinks), so the
 * network model sees the cluster the deployment would occupy.
 */
public final class StudyRunner {
  private final Explorer explorer;
  private final Function<String, MoeModelSpec> models;
  private final Function<String, SystemSpec> systems;

  /**
   * Creates a runner.
   *
   * @param explorer the explorer
   * @param models resolves a model id or file
   * @param systems resolves a system id
   */
  public StudyRunner(
      Explorer explorer,
      Function<String, MoeModelSpec> models,
      Function<String, SystemSpec> systems) {
    this.explorer = requireNonNull(explorer, "explorer");
    this.models = requireNonNull(models, "models");
    this.systems = requireNonNull(systems, "systems");
  }

  /** {@return the scenarios of a study, in the order they run} */
  public List<Scenario> scenarios(StudySpec study) {
    List<Scenario> scenarios = new ArrayList<>();
    for (String modelId : study.models()) {
      MoeModelSpec model = models.apply(modelId);
      for (StudySpec.SystemBudget budget : study.systems()) {
        if (budget.devices() < 1) {
          throw new AfdConfigurationException(
              "GPU budget for system '"
                  + budget.system()
                  + "' must be at least 1, got '"
                  + budget.devices()
                  + "'");
        }
        SystemSpec system = systems.apply(budget.system()).withDeviceCount(budget.devices());
        ClusterSpec cluster = ClusterSpec.of(system);
        for (StudySpec.WorkloadSlo workload : study.workloads()) {
          scenarios.add(
              new Scenario(model, cluster, budget.devices(), workload.workload(), workload.slo()));
        }
      }
    }
    return scenarios;
  }

  /**
   * Runs the study.
   *
   * @param study the study
   * @param everyResult receives every evaluated candidate, in order
   */
  public StudyResult run(StudySpec study, Consumer<ServingResult> everyResult) {
    return runPerScenario(study, scenario -> everyResult);
  }

  /**
   * Runs the study, handing each scenario's results to the consumer made for it.
   *
   * @param study the study
   * @param resultsOf makes the consumer of one scenario's results (for example a CSV writer that
   *     records the scenario in each row)
   */
  public StudyResult runPerScenario(
      StudySpec study, Function<Scenario, Consumer<ServingResult>> resultsOf) {
    return run(study, scenarios(study), resultsOf);
  }

  /**
   * {@return the scenarios of a study on a given cluster (its systems replace the study's), with
   * the study's first GPU budget}
   */
  public List<Scenario> scenarios(StudySpec study, ClusterSpec cluster) {
    int budget =
        study.systems().isEmpty() ? cluster.deviceCount() : study.systems().get(0).devices();
    List<Scenario> scenarios = new ArrayList<>();
    for (String modelId : study.models()) {
      MoeModelSpec model = models.apply(modelId);
      for (StudySpec.WorkloadSlo workload : study.workloads()) {
        scenarios.add(new Scenario(model, cluster, budget, workload.workload(), workload.slo()));
      }
    }
    return scenarios;
  }

  /**
   * Runs the given scenarios of a study.
   *
   * @param study the study (its strategies)
   * @param scenarios the scenarios, in order
   * @param resultsOf makes the consumer of one scenario's results
   */
  public StudyResult run(
      StudySpec study,
      List<Scenario> scenarios,
      Function<Scenario, Consumer<ServingResult>> resultsOf) {
    long start = System.nanoTime();
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      results.add(explorer.explore(scenario, study.strategies(), resultsOf.apply(scenario)));
    }
    return new StudyResult(study, results, (System.nanoTime() - start) / 1e9);
  }
}

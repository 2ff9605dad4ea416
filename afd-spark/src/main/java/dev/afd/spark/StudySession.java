package dev.afd.spark;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyRunner;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.network.NetworkModels;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import dev.afd.simulate.Refinement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A study made ready to run in one JVM: the engine (plugins discovered with the thread's context
 * class loader, which on an executor sees the jars shipped with {@code --jars}), the explorer built
 * as {@code afd explore} builds it, and the study's scenarios in order.
 *
 * <p>Building the engine costs plugin discovery and the kernel tables, and the kernel cost model's
 * memo fills as candidates are priced (the first scenario of a study takes seconds, later ones a
 * fraction), so a JVM keeps them for the latest job: every session of the job in that JVM (an
 * executor, or the driver in local mode) shares one engine, study, kernel cost model and scenario
 * list — all thread-safe, as the explorer's parallel evaluation already requires — and has its own
 * explorer. A task {@linkplain #borrow borrows} a session and {@linkplain #release releases} it;
 * the next partition, stage or run of the same study reuses it. One session serves one task at a
 * time.
 *
 * @param engine the engine
 * @param study the study
 * @param explorer the explorer
 * @param scenarios the scenarios, in the order the local explorer runs them
 * @param kernelCostModel the kernel cost model the explorer prices with
 * @param networkModels the network model of a cluster, as the explorer makes it
 */
record StudySession(
    AfdEngine engine,
    StudySpec study,
    Explorer explorer,
    List<Scenario> scenarios,
    KernelCostModel kernelCostModel,
    Function<ClusterSpec, NetworkModel> networkModels) {

  /** What makes two jobs' sessions interchangeable. */
  private record Key(String fileName, String studyText, String backend, int threads) {
    static Key of(StudyJob job) {
      return new Key(job.fileName(), job.studyText(), job.backend(), job.threadsPerTask());
    }
  }

  private static final Object LOCK = new Object();
  private static @Nullable Key pooled;
  private static @Nullable StudySession shared;
  private static final ArrayDeque<StudySession> IDLE = new ArrayDeque<>();

  /** {@return an idle session of the job, or a new one sharing the JVM's engine and memo} */
  static StudySession borrow(StudyJob job) {
    Key key = Key.of(job);
    synchronized (LOCK) {
      if (!key.equals(pooled)) {
        // Only the latest study's sessions are kept, so a long-lived executor does not pile up
        // engines of finished jobs.
        pooled = key;
        IDLE.clear();
        shared = null;
      }
      StudySession idle = IDLE.poll();
      if (idle != null) {
        return idle;
      }
      // Built under the lock: a second task of the job would wait for the same engine anyway.
      StudySession first = shared;
      if (first == null) {
        first = open(job);
        shared = first;
        return first;
      }
      return first.withExplorer(
          explorer(
              job, first.engine(), first.study(), first.kernelCostModel(), first.networkModels()));
    }
  }

  /** {@return this session with another explorer over the same engine, study and models} */
  private StudySession withExplorer(Explorer other) {
    return new StudySession(engine, study, other, scenarios, kernelCostModel, networkModels);
  }

  /** Returns a session to the pool once its task is done with it. */
  static void release(StudyJob job, StudySession session) {
    synchronized (LOCK) {
      if (Key.of(job).equals(pooled)) {
        IDLE.push(session);
      }
    }
  }

  /** {@return a new session of a job} */
  static StudySession open(StudyJob job) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    StudySpec study = job.read(engine);
    KernelCostModel costModel = KernelCostModels.forEngine(engine, null, job.backend());
    Function<ClusterSpec, NetworkModel> networkModels = NetworkModels.byId(study.network());
    Explorer explorer = explorer(job, engine, study, costModel, networkModels);
    List<Scenario> scenarios =
        new StudyRunner(explorer, engine::model, engine::system).scenarios(study);
    return new StudySession(engine, study, explorer, scenarios, costModel, networkModels);
  }

  /** {@return the explorer {@code afd explore} builds for the study} */
  private static Explorer explorer(
      StudyJob job,
      AfdEngine engine,
      StudySpec study,
      KernelCostModel costModel,
      Function<ClusterSpec, NetworkModel> networkModels) {
    return Explorer.builder()
        .engine(engine)
        .kernelCostModel(costModel)
        .recipe(ServingRecipe.of(Backend.of(job.backend())))
        .conventions(study.conventions())
        .networkModels(networkModels)
        .threads(job.threadsPerTask())
        .build();
  }

  /** Receives one evaluated candidate with its place in the study. */
  interface RowSink {
    /**
     * Takes one result.
     *
     * @param strategyIndex the strategy's position in the study
     * @param candidateIndex the candidate's position in the strategy's enumeration
     * @param result the audited result
     */
    void accept(int strategyIndex, long candidateIndex, ServingResult result);
  }

  /** {@return the candidates each strategy enumerates in a scenario, in study order} */
  List<Long> counts(int scenarioIndex) {
    Scenario scenario = scenarios.get(scenarioIndex);
    List<Long> counts = new ArrayList<>();
    for (StrategyRun run : study.strategies()) {
      counts.add(explorer.candidateCount(scenario, run));
    }
    return counts;
  }

  /**
   * Evaluates one unit.
   *
   * @param unit the unit
   * @param keepResults whether the record carries every result (for {@code results.csv})
   * @param refineBest how many of each strategy's best results meeting the SLO the record keeps for
   *     refinement, 0 for none
   * @param rows receives every result with its place, in enumeration order
   * @return the unit's record
   */
  UnitRecord evaluate(TaskUnit unit, boolean keepResults, int refineBest, RowSink rows) {
    Scenario scenario = scenarios.get(unit.scenarioIndex());
    Refinement.@Nullable Best best =
        refineBest > 0 ? new Refinement.Best(refineBest, scenario.slo()) : null;
    List<StrategyRun> runs = study.strategies();
    List<PartialRecord> partials = new ArrayList<>();
    List<ResultRecord> results = new ArrayList<>();
    long start = System.nanoTime();
    int first = unit.whole() ? 0 : unit.strategyIndex();
    int last = unit.whole() ? runs.size() - 1 : unit.strategyIndex();
    if (unit.whole()) {
      // The local explorer builds every strategy before searching any, so a bad option fails
      // before any candidate is evaluated; so does a whole-scenario unit.
      for (StrategyRun run : runs) {
        explorer.strategy(scenario, run);
      }
    }
    for (int index = first; index <= last; index++) {
      int strategyIndex = index;
      long[] position = {unit.from()};
      Consumer<ServingResult> sink =
          result -> {
            rows.accept(strategyIndex, position[0]++, result);
            if (keepResults) {
              results.add(ResultRecord.of(result));
            }
            if (best != null) {
              best.accept(result);
            }
          };
      partials.add(
          PartialRecord.of(
              explorer.exploreRange(scenario, runs.get(index), unit.from(), unit.to(), sink)));
    }
    List<ResultRecord> kept = new ArrayList<>();
    if (best != null) {
      for (int index = first; index <= last; index++) {
        best.of(runs.get(index).strategyId()).forEach(result -> kept.add(ResultRecord.of(result)));
      }
    }
    return new UnitRecord(unit, partials, results, kept, (System.nanoTime() - start) / 1e9);
  }
}

package dev.afd.spark;

import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StudyRunner;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.network.NetworkModels;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import java.util.List;

/**
 * A study made ready to run in one JVM: the engine (plugins discovered with the thread's context
 * class loader, which on an executor sees the jars shipped with {@code --jars}), the explorer built
 * as {@code afd explore} builds it, and the study's scenarios in order. Built once per partition on
 * executors and once on the driver. Not thread-safe.
 *
 * @param engine the engine
 * @param study the study
 * @param explorer the explorer
 * @param scenarios the scenarios, in the order the local explorer runs them
 */
record StudySession(
    AfdEngine engine, StudySpec study, Explorer explorer, List<Scenario> scenarios) {

  /** {@return the session of a job} */
  static StudySession open(StudyJob job) {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    StudySpec study = job.read(engine);
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(KernelCostModels.forEngine(engine, null, job.backend()))
            .recipe(ServingRecipe.of(Backend.of(job.backend())))
            .conventions(study.conventions())
            .networkModels(NetworkModels.byId(study.network()))
            .threads(job.threadsPerTask())
            .build();
    List<Scenario> scenarios =
        new StudyRunner(explorer, engine::model, engine::system).scenarios(study);
    return new StudySession(engine, study, explorer, scenarios);
  }
}

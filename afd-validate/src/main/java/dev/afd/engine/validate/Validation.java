package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.KernelDatabases;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Entry point of {@code afd validate}: reads a silicon sample and validates every row. */
public final class Validation {
  private Validation() {}

  /**
   * Validates every row with the measured kernel tables of the row's backend (the shipped tables,
   * with {@code kernelDatabase} stacked on top when given) and with the roofline alone.
   *
   * @param engine the engine
   * @param silicon the silicon CSV
   * @param kernelDatabase an AIConfigurator directory that adds to or overrides the shipped tables,
   *     or null
   * @param measured whether to run the measured tables at all ({@code --roofline} turns them off)
   * @param assumed what to assume where a row is silent
   * @return one run per kernel cost model, the measured one first
   * @throws AfdConfigurationException for a missing or malformed input
   */
  public static List<ValidationOutput.Run> run(
      AfdEngine engine,
      Path silicon,
      @Nullable Path kernelDatabase,
      boolean measured,
      ValidationAssumptions assumed) {
    return run(engine, silicon, kernelDatabase, measured, assumed, null);
  }

  /**
   * Validates every row as {@link #run(AfdEngine, Path, Path, boolean, ValidationAssumptions)} does
   * and, when {@code simulation} is given, once more through the request-level simulation with the
   * first run's kernel cost model (cost model id {@code measured+simulated}, or {@code
   * roofline+simulated} with the roofline alone), placed right after it.
   *
   * @param engine the engine
   * @param silicon the silicon CSV
   * @param kernelDatabase an AIConfigurator directory that adds to or overrides the shipped tables,
   *     or null
   * @param measured whether to run the measured tables at all ({@code --roofline} turns them off)
   * @param assumed what to assume where a row is silent
   * @param simulation how to simulate each row ({@code --simulate}), or null for the closed forms
   *     alone
   * @return one run per kernel cost model, the measured one first
   * @throws AfdConfigurationException for a missing or malformed input
   */
  public static List<ValidationOutput.Run> run(
      AfdEngine engine,
      Path silicon,
      @Nullable Path kernelDatabase,
      boolean measured,
      ValidationAssumptions assumed,
      @Nullable ValidationSimulation simulation) {
    if (kernelDatabase != null && !Files.isDirectory(kernelDatabase)) {
      throw new AfdConfigurationException(
          "Kernel database directory '" + kernelDatabase + "' does not exist");
    }
    List<SiliconRow> rows = SiliconCsv.read(silicon);
    List<ValidationOutput.Run> runs = new ArrayList<>();
    Optional<KernelDatabases> databases =
        measured ? KernelCostModels.databases(engine, kernelDatabase) : Optional.empty();
    if (databases.isPresent()) {
      runs.add(
          run(
              MeasuredKernelCostModel.ID,
              measured(engine, databases.get(), assumed, null, rows),
              assumed));
      if (simulation != null) {
        runs.add(
            run(
                MeasuredKernelCostModel.ID + Validator.SIMULATED,
                measured(engine, databases.get(), assumed, simulation, rows),
                assumed));
      }
    }
    RooflineCostModel roofline = new RooflineCostModel();
    runs.add(
        run(
            roofline.id(),
            new Validator(engine, roofline, AnalyticalNetworkModel::new, assumed).validate(rows),
            assumed));
    if (simulation != null && databases.isEmpty()) {
      runs.add(
          run(
              roofline.id() + Validator.SIMULATED,
              Validator.simulating(
                      engine, roofline, AnalyticalNetworkModel::new, assumed, simulation)
                  .validate(rows),
              assumed));
    }
    return runs;
  }

  private static ValidationOutput.Run run(
      String costModel, List<RowResult> results, ValidationAssumptions assumed) {
    return new ValidationOutput.Run(results, ValidationSummary.of(costModel, results), assumed);
  }

  /**
   * {@return one result per row, in input order, each row priced from its own backend's tables (a
   * row whose backend has none from the default backend's; the row mapper skips such rows)}
   *
   * @param simulation how to simulate each row, or null for the closed forms
   */
  static List<RowResult> measured(
      AfdEngine engine,
      KernelDatabases databases,
      ValidationAssumptions assumed,
      @Nullable ValidationSimulation simulation,
      List<SiliconRow> rows) {
    Map<String, Validator> validators = new TreeMap<>();
    for (SiliconRow row : rows) {
      validators.computeIfAbsent(
          tablesBackend(row),
          backend ->
              simulation == null
                  ? new Validator(
                      engine, databases.model(backend), AnalyticalNetworkModel::new, assumed)
                  : Validator.simulating(
                      engine,
                      databases.model(backend),
                      AnalyticalNetworkModel::new,
                      assumed,
                      simulation));
    }
    return rows.parallelStream()
        .map(row -> validators.get(tablesBackend(row)).validate(row))
        .toList();
  }

  private static String tablesBackend(SiliconRow row) {
    return KernelDatabases.BACKENDS.contains(row.backend())
        ? row.backend()
        : MeasuredKernelCostModel.DEFAULT_BACKEND;
  }
}

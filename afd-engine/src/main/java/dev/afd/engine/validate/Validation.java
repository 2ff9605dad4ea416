package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Entry point of {@code afd validate}: reads a silicon sample and validates every row. */
public final class Validation {
  private Validation() {}

  /**
   * Validates every row with the measured kernel tables (when given and supported by this build)
   * and with the roofline alone.
   *
   * @param engine the engine
   * @param silicon the silicon CSV
   * @param kernelDatabase the AIConfigurator directory, or null for the roofline only
   * @param assumed what to assume where a row is silent
   * @return one run per kernel cost model, the primary first
   * @throws AfdConfigurationException for a missing or malformed input
   */
  public static List<ValidationOutput.Run> run(
      AfdEngine engine,
      Path silicon,
      @Nullable Path kernelDatabase,
      ValidationAssumptions assumed) {
    if (kernelDatabase != null && !Files.isDirectory(kernelDatabase)) {
      throw new AfdConfigurationException(
          "Kernel database directory '" + kernelDatabase + "' does not exist");
    }
    List<SiliconRow> rows = SiliconCsv.read(silicon);
    List<KernelCostModel> models = new ArrayList<>();
    if (kernelDatabase != null && KernelModels.measuredAvailable()) {
      models.add(KernelModels.measuredOrRoofline(kernelDatabase));
    }
    models.add(new RooflineCostModel());
    List<ValidationOutput.Run> runs = new ArrayList<>();
    for (KernelCostModel model : models) {
      List<RowResult> results =
          new Validator(engine, model, AnalyticalNetworkModel::new, assumed).validate(rows);
      runs.add(
          new ValidationOutput.Run(results, ValidationSummary.of(model.id(), results), assumed));
    }
    return runs;
  }
}

package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the engine's kernel cost models: the roofline, or measured kernel tables from a user's
 * kernel database directory ({@code --kernel-db DIR}) with the roofline as fallback.
 *
 * <p>Stateless; the returned models are immutable and thread-safe.
 */
public final class KernelCostModels {
  private KernelCostModels() {}

  /** {@return the roofline with the calibrated default parameters} */
  public static RooflineCostModel roofline() {
    return new RooflineCostModel(RooflineParameters.DEFAULT);
  }

  /**
   * Opens a kernel database directory with the {@linkplain MeasuredKernelCostModel#DEFAULT_SYSTEMS
   * default accelerator mapping}. Tables are read on first use.
   *
   * @param kernelDatabase AIConfigurator's {@code systems} directory or the directory containing it
   * @throws AfdConfigurationException if the directory does not exist or holds no system
   */
  public static MeasuredKernelCostModel forDirectory(Path kernelDatabase) {
    return forDirectory(kernelDatabase, MeasuredKernelCostModel.DEFAULT_SYSTEMS);
  }

  /**
   * Opens a kernel database directory with an explicit accelerator mapping.
   *
   * @param kernelDatabase AIConfigurator's {@code systems} directory or the directory containing it
   * @param systemsByAccelerator accelerator id to database system name
   * @throws AfdConfigurationException if the directory does not exist or holds no system
   */
  public static MeasuredKernelCostModel forDirectory(
      Path kernelDatabase, Map<String, String> systemsByAccelerator) {
    return MeasuredKernelCostModel.create(
        openDatabase(kernelDatabase), systemsByAccelerator, roofline());
  }

  /**
   * Opens and checks a kernel database directory.
   *
   * @throws AfdConfigurationException if the directory does not exist or holds no system
   */
  public static KernelDatabase openDatabase(Path kernelDatabase) {
    requireNonNull(kernelDatabase, "kernelDatabase");
    if (!Files.isDirectory(kernelDatabase)) {
      throw new AfdConfigurationException(
          "kernel database '" + kernelDatabase + "': no such directory");
    }
    KernelDatabase database;
    try {
      database = KernelDatabase.open(kernelDatabase);
    } catch (IllegalArgumentException | UncheckedIOException exception) {
      throw noSystem(kernelDatabase, exception);
    }
    if (database.systemNames().isEmpty()) {
      throw noSystem(kernelDatabase, null);
    }
    return database;
  }

  /** {@return the model for an optional {@code --kernel-db} value: measured if given} */
  public static KernelCostModel forOption(@Nullable Path kernelDatabase) {
    return kernelDatabase == null ? roofline() : forDirectory(kernelDatabase);
  }

  private static AfdConfigurationException noSystem(Path directory, @Nullable Exception cause) {
    String message =
        "kernel database '"
            + directory
            + "': no systems/data/<system> or data/<system> directory found. Pass"
            + " AIConfigurator's 'systems' directory or the directory that contains it.";
    return cause == null
        ? new AfdConfigurationException(message)
        : new AfdConfigurationException(message, cause);
  }
}

package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the engine's kernel cost models: the roofline, or measured kernel tables (those the {@link
 * dev.afd.spi.KernelDatabaseProvider}s ship, plus a user's {@code --kernel-db DIR}) for one serving
 * backend with the roofline as fallback.
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

  /**
   * Stacks the discovered kernel databases and an optional user directory, which overrides them per
   * system and backend.
   *
   * @param engine the engine whose {@link AfdEngine#kernelDatabases()} and {@link
   *     AfdEngine#kernelSystemsByAccelerator()} are used; a user directory needs a provider that
   *     maps accelerators to its systems
   * @param userDatabase a {@code --kernel-db} directory, or null
   * @return empty when there is no database at all
   * @throws AfdConfigurationException if the user directory does not exist, holds no system, or no
   *     provider maps accelerators to database systems
   */
  public static Optional<KernelDatabases> databases(AfdEngine engine, @Nullable Path userDatabase) {
    requireNonNull(engine, "engine");
    List<KernelDatabase> opened = new ArrayList<>();
    for (Path root : engine.kernelDatabases()) {
      opened.add(openDatabase(root));
    }
    Map<String, String> mapping = engine.kernelSystemsByAccelerator();
    if (userDatabase != null) {
      opened.add(openDatabase(userDatabase));
      if (mapping.isEmpty()) {
        throw new AfdConfigurationException(
            "--kernel-db "
                + userDatabase
                + ": no kernel database provider maps accelerators to its systems; put"
                + " afd-kernel-data (or another KernelDatabaseProvider) on the class path");
      }
    }
    return opened.isEmpty()
        ? Optional.empty()
        : Optional.of(KernelDatabases.of(opened, mapping, roofline()));
  }

  /**
   * {@return the default kernel cost model: measured tables for {@code backend} over the discovered
   * databases and {@code userDatabase}, or the roofline when there is no database}
   *
   * @throws AfdConfigurationException if the user directory does not exist or holds no system
   */
  public static KernelCostModel forEngine(
      AfdEngine engine, @Nullable Path userDatabase, String backend) {
    requireNonNull(backend, "backend");
    Optional<KernelDatabases> databases = databases(engine, userDatabase);
    return databases.isPresent() ? databases.get().model(backend) : roofline();
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

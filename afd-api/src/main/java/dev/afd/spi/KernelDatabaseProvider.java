package dev.afd.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Contributes measured kernel tables: directories in AIConfigurator's layout, and which database
 * system holds each accelerator's measurements.
 *
 * <p>A kernel database root holds {@code systems/<system>.yaml} (optional) and {@code
 * systems/data/<system>/<family>/<backend>/<version>/<table>_perf.parquet}, or is that {@code
 * systems} directory itself. Roots may be plain directories or directories inside a jar's zip file
 * system (see {@link java.nio.file.FileSystems#newFileSystem(java.net.URI, Map)}); the engine only
 * lists directories and reads whole files.
 *
 * <p>Discovered with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(KernelDatabaseProvider.class)}), also from {@code --plugin-path} jars, so a
 * third party can ship tables for its own accelerator. Implementations are public, have a public
 * no-argument constructor, do no I/O when constructed, and are stateless and thread-safe. The
 * engine calls each method once while it is being built and keeps the results; it reads tables
 * lazily, only those that pricing touches. Run {@code dev.afd.tck.KernelDatabaseProviderContract}
 * against every implementation.
 *
 * @since 0.1
 */
public interface KernelDatabaseProvider {

  /**
   * {@return this provider's id, for example {@code "aiconfigurator"}; unique among kernel database
   * providers}
   */
  String id();

  /** {@return a one-line human description; defaults to the id} */
  default String description() {
    return id();
  }

  /**
   * {@return the kernel database roots this provider ships, never empty}
   *
   * <p>Each path must be a directory holding {@code systems/data} or {@code data}.
   */
  List<Path> kernelDatabases();

  /**
   * {@return accelerator id to database system name, for example {@code nvidia-b200 → b200_sxm}}
   *
   * <p>An accelerator may be mapped by one provider only. Systems named here should be systems of
   * this provider's databases; accelerators not mapped by any provider are priced by the roofline.
   */
  Map<String, String> systemsByAccelerator();
}

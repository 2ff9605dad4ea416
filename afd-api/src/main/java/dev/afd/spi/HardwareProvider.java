package dev.afd.spi;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.SystemSpec;
import java.util.List;

/**
 * Contributes accelerators and systems to the engine.
 *
 * <p>Discovered with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(HardwareProvider.class)}). Implementations are public, have a public
 * no-argument constructor, do no I/O when constructed, and are stateless and thread-safe. The
 * engine calls each method once while it is being built and keeps the results. Run {@code
 * dev.afd.tck.HardwareProviderContract} against every implementation. Measured kernel tables for
 * the accelerators come from a {@link KernelDatabaseProvider}.
 *
 * @since 0.1
 */
public interface HardwareProvider {

  /** {@return this provider's id, for example {@code "nvidia"}; unique among hardware providers} */
  String id();

  /** {@return a one-line human description; defaults to the id} */
  default String description() {
    return id();
  }

  /**
   * {@return every accelerator this provider describes, never empty}
   *
   * <p>Accelerator ids must be unique across all providers.
   */
  List<AcceleratorSpec> accelerators();

  /** {@return systems built from this provider's accelerators; ids unique across all providers} */
  default List<SystemSpec> systems() {
    return List.of();
  }
}

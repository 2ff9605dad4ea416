package dev.afd.plugin.hardware.amd;

import com.google.auto.service.AutoService;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.spi.HardwareProvider;

/**
 * AMD Instinct accelerators (MI300X, MI325X, MI355X) and their 8-GPU platforms.
 *
 * <p>Numbers and datasheet sources are in {@code hardware.catalog} in this package. Stateless and
 * thread-safe.
 */
@AutoService(HardwareProvider.class)
public final class AmdHardwareProvider extends CatalogHardwareProvider {
  /** Creates the provider. */
  public AmdHardwareProvider() {}

  @Override
  public String id() {
    return "amd";
  }

  @Override
  public String description() {
    return "AMD Instinct accelerators (MI300X, MI325X, MI355X) and their 8-GPU platforms";
  }
}

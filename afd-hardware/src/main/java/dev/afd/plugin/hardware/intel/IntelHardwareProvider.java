package dev.afd.plugin.hardware.intel;

import com.google.auto.service.AutoService;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.spi.HardwareProvider;

/**
 * Intel Gaudi 3 and its 8-accelerator RoCE platform.
 *
 * <p>Numbers and datasheet sources are in {@code hardware.catalog} in this package. Stateless and
 * thread-safe.
 */
@AutoService(HardwareProvider.class)
public final class IntelHardwareProvider extends CatalogHardwareProvider {
  /** Creates the provider. */
  public IntelHardwareProvider() {}

  @Override
  public String id() {
    return "intel";
  }

  @Override
  public String description() {
    return "Intel Gaudi 3 and its 8-accelerator RoCE platform";
  }
}

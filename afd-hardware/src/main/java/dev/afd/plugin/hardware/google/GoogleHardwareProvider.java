package dev.afd.plugin.hardware.google;

import com.google.auto.service.AutoService;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.spi.HardwareProvider;

/**
 * Google Cloud TPUs (v5e, v5p, v6e Trillium, TPU7x Ironwood) and their ICI torus slices.
 *
 * <p>Numbers and datasheet sources are in {@code hardware.catalog} in this package. Stateless and
 * thread-safe.
 */
@AutoService(HardwareProvider.class)
public final class GoogleHardwareProvider extends CatalogHardwareProvider {
  /** Creates the provider. */
  public GoogleHardwareProvider() {}

  @Override
  public String id() {
    return "google";
  }

  @Override
  public String description() {
    return "Google Cloud TPUs (v5e, v5p, v6e Trillium, TPU7x Ironwood) and their ICI torus slices";
  }
}

package dev.afd.plugin.hardware.nvidia;

import com.google.auto.service.AutoService;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.spi.HardwareProvider;

/**
 * NVIDIA data-center GPUs (A100, H100, H800, H20, H200, B200, B300, GB200, GB300) and their
 * HGX/NVL72 systems.
 *
 * <p>Numbers and datasheet sources are in {@code hardware.catalog} in this package. Stateless and
 * thread-safe.
 */
@AutoService(HardwareProvider.class)
public final class NvidiaHardwareProvider extends CatalogHardwareProvider {
  /** Creates the provider. */
  public NvidiaHardwareProvider() {}

  @Override
  public String id() {
    return "nvidia";
  }

  @Override
  public String description() {
    return "NVIDIA data-center GPUs (A100, H100, H800, H20, H200, B200, B300, GB200, GB300) and their HGX/NVL72 systems";
  }
}

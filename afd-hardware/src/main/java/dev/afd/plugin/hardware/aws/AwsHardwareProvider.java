package dev.afd.plugin.hardware.aws;

import com.google.auto.service.AutoService;
import dev.afd.plugin.hardware.internal.CatalogHardwareProvider;
import dev.afd.spi.HardwareProvider;

/**
 * AWS Trainium2 and the 16-chip Trn2 instance.
 *
 * <p>Numbers and datasheet sources are in {@code hardware.catalog} in this package. Stateless and
 * thread-safe.
 */
@AutoService(HardwareProvider.class)
public final class AwsHardwareProvider extends CatalogHardwareProvider {
  /** Creates the provider. */
  public AwsHardwareProvider() {}

  @Override
  public String id() {
    return "aws";
  }

  @Override
  public String description() {
    return "AWS Trainium2 and the 16-chip Trn2 instance";
  }
}

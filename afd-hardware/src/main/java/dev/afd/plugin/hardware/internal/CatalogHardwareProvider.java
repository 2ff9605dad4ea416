package dev.afd.plugin.hardware.internal;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/**
 * A {@link HardwareProvider} whose accelerators and systems come from a {@code hardware.catalog}
 * resource in the subclass's package.
 *
 * <p>Construction does no I/O; the catalog is read on first use and kept. Thread-safe.
 */
public abstract class CatalogHardwareProvider implements HardwareProvider {
  /** The catalog resource's simple name, in each vendor package. */
  public static final String CATALOG = "hardware.catalog";

  private volatile HardwareCatalog catalog;

  /** Creates the provider; reads nothing yet. */
  protected CatalogHardwareProvider() {}

  /** {@return the catalog, read on first use} */
  public final HardwareCatalog catalog() {
    HardwareCatalog result = catalog;
    if (result == null) {
      synchronized (this) {
        result = catalog;
        if (result == null) {
          result = HardwareCatalog.load(getClass(), CATALOG);
          catalog = result;
        }
      }
    }
    return result;
  }

  @Override
  public final List<AcceleratorSpec> accelerators() {
    return catalog().accelerators();
  }

  @Override
  public final List<SystemSpec> systems() {
    return catalog().systems();
  }
}

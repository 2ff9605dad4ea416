package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.KernelTableId;
import dev.afd.spi.KernelDatabaseProvider;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link KernelDatabaseProvider} must meet: registered and discoverable, every
 * root opens as a kernel database, every mapped accelerator is one a hardware provider describes
 * and every mapped system has tables, and a table of each mapped system can be read. Extend it in a
 * test class and implement {@link #createProvider()}; put the hardware providers whose accelerators
 * the provider maps on the test class path.
 *
 * @since 0.1
 */
public abstract class KernelDatabaseProviderContract {

  /** Creates the contract; subclasses are JUnit test classes. */
  protected KernelDatabaseProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract KernelDatabaseProvider createProvider();

  /** {@return the provider, or a failure naming the cause and the line that threw} */
  private KernelDatabaseProvider provider() {
    return TckFailures.create(getClass(), "Kernel database provider", this::createProvider);
  }

  @Test
  void hasValidId() {
    PluginTestKit.assertValidId(provider().id());
  }

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(KernelDatabaseProvider.class, provider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    KernelDatabaseProvider provider = provider();
    PluginTestKit.assertDiscoverable("kernel-data", provider.id());
    AfdEngine engine = PluginTestKit.discover();
    assertThat(engine.kernelSystemsByAccelerator())
        .as("the engine's accelerator mapping")
        .containsAllEntriesOf(provider.systemsByAccelerator());
  }

  @Test
  void returnsTheSameUnmodifiableDataEveryTime() {
    KernelDatabaseProvider provider = provider();
    List<Path> roots = provider.kernelDatabases();
    assertThat(roots).as("kernelDatabases()").isNotEmpty().doesNotContainNull();
    assertThat(provider.kernelDatabases()).as("a second call").isEqualTo(roots);
    assertThat(provider().kernelDatabases()).as("a new instance").isEqualTo(roots);
    assertThatThrownBy(() -> provider.kernelDatabases().clear())
        .as("kernelDatabases() must be unmodifiable")
        .isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> mapping = provider.systemsByAccelerator();
    assertThat(mapping).as("systemsByAccelerator()").isNotEmpty();
    assertThat(provider().systemsByAccelerator()).as("a new instance").isEqualTo(mapping);
    assertThatThrownBy(() -> provider.systemsByAccelerator().clear())
        .as("systemsByAccelerator() must be unmodifiable")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapsKnownAcceleratorsToSystemsWithTables() {
    KernelDatabaseProvider provider = provider();
    AfdEngine engine = PluginTestKit.discover();
    Set<String> systems = new HashSet<>();
    for (Path root : provider.kernelDatabases()) {
      KernelDatabase database = KernelCostModels.openDatabase(root);
      for (String system : database.systemNames()) {
        if (!database.system(system).tableIds().isEmpty()) {
          systems.add(system);
        }
      }
    }
    for (Map.Entry<String, String> entry : provider.systemsByAccelerator().entrySet()) {
      assertThat(engine.findAccelerator(entry.getKey()))
          .as(
              "accelerator '%s' must be one a hardware provider on the class path describes",
              entry.getKey())
          .isPresent();
      assertThat(systems)
          .as(
              "system '%s' of accelerator '%s' must have tables in %s",
              entry.getValue(), entry.getKey(), provider.kernelDatabases())
          .contains(entry.getValue());
    }
  }

  @Test
  void readsTheSmallestTableOfEveryMappedSystem() {
    KernelDatabaseProvider provider = provider();
    Set<String> mapped = new HashSet<>(provider.systemsByAccelerator().values());
    for (Path root : provider.kernelDatabases()) {
      KernelDatabase database = KernelCostModels.openDatabase(root);
      for (String name : database.systemNames()) {
        if (!mapped.contains(name)) {
          continue;
        }
        KernelSystem system = database.system(name);
        KernelTableId smallest =
            system.tableIds().stream()
                .min(Comparator.comparingLong(KernelDatabaseProviderContract::size))
                .orElseThrow();
        // Reading checks the latency column: present, numeric, finite and positive.
        assertThat(system.table(smallest).rowCount()).as("rows of %s", smallest).isPositive();
      }
    }
  }

  private static long size(KernelTableId id) {
    try {
      return java.nio.file.Files.size(id.file());
    } catch (java.io.IOException exception) {
      throw new java.io.UncheckedIOException(exception);
    }
  }
}

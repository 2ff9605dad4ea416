package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.internal.Checks;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.hardware.HardwareFile;
import dev.afd.engine.hardware.HardwareFiles;
import dev.afd.engine.hardware.HardwareLookup;
import dev.afd.spi.HardwareProvider;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link HardwareProvider} must meet. Extend it in a test class and implement
 * {@link #createProvider()}.
 *
 * @since 0.1
 */
public abstract class HardwareProviderContract {

  /** Creates the contract; subclasses are JUnit test classes. */
  protected HardwareProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract HardwareProvider createProvider();

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(HardwareProvider.class, createProvider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    HardwareProvider provider = createProvider();
    PluginTestKit.assertDiscoverable("hardware", provider.id());
    AfdEngine engine = PluginTestKit.discover();
    for (AcceleratorSpec accelerator : provider.accelerators()) {
      assertThat(engine.accelerator(accelerator.id())).isEqualTo(accelerator);
    }
  }

  @Test
  void hasValidId() {
    assertThat(Checks.isValidId(createProvider().id()))
        .as("provider id '%s' must be lower-case kebab-case", createProvider().id())
        .isTrue();
  }

  @Test
  void returnsAcceleratorsWithUniqueIdsEveryTime() {
    HardwareProvider provider = createProvider();
    List<AcceleratorSpec> accelerators = provider.accelerators();
    assertThat(accelerators).as("accelerators()").isNotEmpty().doesNotContainNull();
    assertThat(accelerators).extracting(AcceleratorSpec::id).doesNotHaveDuplicates();
    assertThat(provider.accelerators()).as("a second call").isEqualTo(accelerators);
    assertThat(createProvider().accelerators()).as("a new instance").isEqualTo(accelerators);
  }

  @Test
  void returnsUnmodifiableLists() {
    HardwareProvider provider = createProvider();
    assertThatThrownBy(() -> provider.accelerators().clear())
        .as("accelerators() must be unmodifiable")
        .isInstanceOf(UnsupportedOperationException.class);
    List<SystemSpec> systems = provider.systems();
    if (!systems.isEmpty()) {
      assertThatThrownBy(() -> provider.systems().clear())
          .as("systems() must be unmodifiable")
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void describesPhysicallyPlausibleAccelerators() {
    for (AcceleratorSpec accelerator : createProvider().accelerators()) {
      // Ridge point (FLOP per byte) between 1 and 10000 catches unit slips of 10^3 or more.
      double peak = accelerator.denseFlopRates().values().iterator().next().flopsPerSecond();
      double ridge = peak / accelerator.memoryBandwidth().bytesPerSecond();
      assertThat(ridge).as("ridge point of %s in FLOP/B", accelerator.id()).isBetween(1.0, 1e4);
      assertThat(accelerator.source()).as("source of %s", accelerator.id()).isNotBlank();
    }
  }

  @Test
  void systemsHaveUniqueIdsAndKnownAccelerators() {
    HardwareProvider provider = createProvider();
    AfdEngine engine = PluginTestKit.discover();
    Set<String> ids = new HashSet<>();
    for (SystemSpec system : provider.systems()) {
      assertThat(ids.add(system.id())).as("duplicate system id %s", system.id()).isTrue();
      assertThat(system.deviceCount()).as("devices of %s", system.id()).isPositive();
      String acceleratorId = system.accelerator().id();
      assertThat(engine.findAccelerator(acceleratorId))
          .as(
              "accelerator '%s' of system %s must be one a hardware provider describes, with equal"
                  + " numbers",
              acceleratorId, system.id())
          .contains(system.accelerator());
    }
  }

  @Test
  void survivesAHardwareFileRoundTrip(@TempDir Path directory) {
    HardwareProvider provider = createProvider();
    HardwareFile content = new HardwareFile(provider.accelerators(), provider.systems(), List.of());
    // Systems may use another provider's accelerators; the file itself defines this provider's.
    Set<String> own = new HashSet<>();
    provider.accelerators().forEach(accelerator -> own.add(accelerator.id()));
    List<AcceleratorSpec> others =
        PluginTestKit.discover().accelerators().stream()
            .filter(accelerator -> !own.contains(accelerator.id()))
            .toList();
    HardwareLookup known = HardwareLookup.of(others, List.of());
    for (String name : List.of("hardware.yaml", "hardware.json")) {
      Path file = directory.resolve(name);
      HardwareFiles.write(content, file);
      assertThat(HardwareFiles.read(file, known))
          .as(
              "the accelerators and systems of %s written to %s and read back (quantities must"
                  + " survive their canonical unit strings)",
              provider.id(), name)
          .isEqualTo(content);
    }
  }
}

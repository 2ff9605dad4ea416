package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.hardware.HardwareFile;
import dev.afd.engine.hardware.HardwareFiles;
import dev.afd.engine.hardware.HardwareLookup;
import dev.afd.spi.HardwareProvider;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  private static final double MIN_RIDGE_POINT = 1;
  private static final double MAX_RIDGE_POINT = 1e4;
  private static final double MIN_MEMORY_BANDWIDTH = 1e9;
  private static final double MAX_MEMORY_BANDWIDTH = 1e15;
  private static final double MIN_MEMORY_CAPACITY = 1L << 30;
  private static final double MAX_MEMORY_CAPACITY = 1L << 44;

  /** {@return the provider, or a failure naming the cause and the line that threw} */
  private HardwareProvider provider() {
    return TckFailures.create(getClass(), "Hardware provider", this::createProvider);
  }

  /** {@return the provider's accelerators, or a failure naming the provider and the cause} */
  private List<AcceleratorSpec> accelerators() {
    HardwareProvider provider = provider();
    return TckFailures.call(
        "Hardware provider",
        provider,
        provider.id(),
        HardwareProvider::accelerators,
        "accelerators()");
  }

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(HardwareProvider.class, provider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    HardwareProvider provider = provider();
    PluginTestKit.assertDiscoverable("hardware", provider.id());
    AfdEngine engine = PluginTestKit.discover();
    for (AcceleratorSpec accelerator : provider.accelerators()) {
      assertThat(engine.accelerator(accelerator.id())).isEqualTo(accelerator);
    }
  }

  @Test
  void hasValidId() {
    PluginTestKit.assertValidId(provider().id());
  }

  @Test
  void returnsAcceleratorsWithUniqueIdsEveryTime() {
    HardwareProvider provider = provider();
    List<AcceleratorSpec> accelerators = accelerators();
    assertThat(accelerators).as("accelerators()").isNotEmpty().doesNotContainNull();
    assertThat(accelerators).extracting(AcceleratorSpec::id).doesNotHaveDuplicates();
    assertThat(provider.accelerators()).as("a second call").isEqualTo(accelerators);
    assertThat(provider().accelerators()).as("a new instance").isEqualTo(accelerators);
  }

  @Test
  void returnsUnmodifiableLists() {
    HardwareProvider provider = provider();
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
    for (AcceleratorSpec accelerator : accelerators()) {
      String id = accelerator.id();
      double bandwidth = accelerator.memoryBandwidth().bytesPerSecond();
      assertThat(bandwidth)
          .as("accelerator '%s' memoryBandwidth %s, in B/s", id, accelerator.memoryBandwidth())
          .isBetween(MIN_MEMORY_BANDWIDTH, MAX_MEMORY_BANDWIDTH);
      assertThat((double) accelerator.memoryCapacityPerDevice().bytes())
          .as(
              "accelerator '%s' memoryCapacityPerDevice %s, in bytes",
              id, accelerator.memoryCapacityPerDevice())
          .isBetween(MIN_MEMORY_CAPACITY, MAX_MEMORY_CAPACITY);
      for (Map.Entry<Precision, FlopRate> rate : accelerator.denseFlopRates().entrySet()) {
        // A ridge point (FLOP per byte) between 1 and 10000 catches unit slips of 10^3 or more,
        // for every precision, not only the first.
        double ridge = rate.getValue().flopsPerSecond() / bandwidth;
        assertThat(ridge)
            .as(
                "accelerator '%s' denseFlopRates[%s] %s: ridge point over memoryBandwidth %s, in"
                    + " FLOP/B",
                id, rate.getKey(), rate.getValue(), accelerator.memoryBandwidth())
            .isBetween(MIN_RIDGE_POINT, MAX_RIDGE_POINT);
      }
      assertPrecisionOrder(accelerator);
      assertThat(accelerator.source()).as("accelerator '%s' source", id).isNotBlank();
    }
  }

  /** Asserts FP8 ≥ BF16 ≥ FP32 dense rates, for the precisions the accelerator declares. */
  static void assertPrecisionOrder(AcceleratorSpec accelerator) {
    assertFaster(accelerator, Precision.FP8, Precision.BF16);
    assertFaster(accelerator, Precision.BF16, Precision.FP32);
  }

  private static void assertFaster(
      AcceleratorSpec accelerator, Precision narrower, Precision wider) {
    FlopRate narrow = accelerator.denseFlopRates().get(narrower);
    FlopRate wide = accelerator.denseFlopRates().get(wider);
    if (narrow == null || wide == null) {
      return;
    }
    assertThat(narrow.flopsPerSecond())
        .as(
            "accelerator '%s' denseFlopRates[%s] %s must be at least denseFlopRates[%s] %s",
            accelerator.id(), narrower, narrow, wider, wide)
        .isGreaterThanOrEqualTo(wide.flopsPerSecond());
  }

  @Test
  void systemsHaveUniqueIdsAndKnownAccelerators() {
    HardwareProvider provider = provider();
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
    HardwareProvider provider = provider();
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

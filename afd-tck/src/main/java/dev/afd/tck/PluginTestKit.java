package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.engine.AfdEngine;
import dev.afd.engine.PluginInfo;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the engine's real plugin discovery on the test class path, so a plugin is checked alongside
 * every other plugin present (the built-ins included).
 *
 * <p>Stateless; safe to call from any test.
 *
 * @since 0.1
 */
public final class PluginTestKit {
  private PluginTestKit() {}

  /**
   * Discovers every plugin on the test class path.
   *
   * @return the engine
   * @throws dev.afd.api.AfdPluginException listing every problem, as the CLI would
   */
  public static AfdEngine discover() {
    return AfdEngine.builder().discoverPlugins(PluginTestKit.class.getClassLoader()).build();
  }

  /**
   * Asserts that {@code providerType} is registered for {@code spi} in {@code META-INF/services} (a
   * forgotten {@code @AutoService} fails here).
   *
   * @param spi the SPI interface
   * @param providerType the implementation
   */
  public static void assertRegistered(Class<?> spi, Class<?> providerType) {
    List<Class<?>> registered =
        ServiceLoader.load(spi, PluginTestKit.class.getClassLoader()).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();
    assertThat(registered)
        .as(
            providerType.getName()
                + " must be registered in META-INF/services/"
                + spi.getName()
                + "; annotate it with @AutoService("
                + spi.getSimpleName()
                + ".class)")
        .contains(providerType);
  }

  /**
   * Asserts that discovery succeeds with the provider present and lists it.
   *
   * @param kind {@code "hardware"}, {@code "model"} or {@code "strategy"}
   * @param providerId the provider id
   */
  public static void assertDiscoverable(String kind, String providerId) {
    AfdEngine engine = discover();
    assertThat(engine.plugins())
        .as("discovered " + kind + " providers")
        .extracting(PluginInfo::kind, PluginInfo::id)
        .contains(org.assertj.core.groups.Tuple.tuple(kind, providerId));
  }
}

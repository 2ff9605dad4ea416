package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.internal.Checks;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.PluginInfo;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the engine's real plugin discovery on the test class path, so a plugin is checked alongside
 * every other plugin present, the built-ins included: {@link #assertDiscoverable} fails when no
 * built-in provider of the kind is on the class path, since an id clash with them could then not be
 * found.
 *
 * <p>Discovery uses the thread's context class loader, as {@link ServiceLoader#load(Class)} does,
 * falling back to the loader of this class. Stateless; safe to call from any test.
 *
 * @since 0.1
 */
public final class PluginTestKit {
  private PluginTestKit() {}

  /** Asserts that a provider id is lower-case kebab-case, as every provider's must be. */
  static void assertValidId(String id) {
    assertThat(Checks.isValidId(id))
        .as("provider id '%s' must be lower-case kebab-case", id)
        .isTrue();
  }

  /**
   * Discovers every plugin on the test class path.
   *
   * @return the engine
   * @throws dev.afd.api.AfdPluginException listing every problem, as the CLI would
   */
  public static AfdEngine discover() {
    return AfdEngine.builder().discoverPlugins(loader()).build();
  }

  /** The package every built-in provider lives under. */
  private static final String BUILT_IN_PACKAGE = "dev.afd.plugin.";

  private static String builtInArtifact(String kind) {
    return switch (kind) {
      case "hardware" -> "afd-hardware";
      case "model" -> "afd-models";
      case "strategy" -> "afd-strategies";
      default -> "afd-kernel-data";
    };
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : PluginTestKit.class.getClassLoader();
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
        ServiceLoader.load(spi, loader()).stream()
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
   * Asserts that the built-in providers of a kind are on the class path, that discovery succeeds
   * with the provider present beside them (no provider, accelerator, system or model id clashes
   * with theirs) and that it lists the provider.
   *
   * @param kind {@code "hardware"}, {@code "model"} or {@code "strategy"}
   * @param providerId the provider id
   */
  public static void assertDiscoverable(String kind, String providerId) {
    AfdEngine engine = discover();
    assertThat(engine.plugins())
        .as(
            "built-in %s providers (package %s*) on the test class path, to check '%s' against:"
                + " add dev.afd:%s at test scope (dev.afd:afd-plugin-parent does)",
            kind, BUILT_IN_PACKAGE, providerId, builtInArtifact(kind))
        .anyMatch(
            plugin ->
                plugin.kind().equals(kind) && plugin.providerClass().startsWith(BUILT_IN_PACKAGE));
    assertThat(engine.plugins())
        .as("discovered " + kind + " providers")
        .extracting(PluginInfo::kind, PluginInfo::id)
        .contains(org.assertj.core.groups.Tuple.tuple(kind, providerId));
  }
}

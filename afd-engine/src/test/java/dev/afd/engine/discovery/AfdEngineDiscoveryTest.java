package dev.afd.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdPluginException;
import dev.afd.engine.AfdEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@link java.util.ServiceLoader} discovery over descriptor files in {@code
 * src/test/resources/discovery/<case>/META-INF/services}, one class loader per case.
 */
class AfdEngineDiscoveryTest {
  /** Where {@link ThrowingHardwareProvider}'s constructor throws, as discovery quotes it. */
  private static final String THROWS_AT =
      " (at dev.afd.engine.discovery.ThrowingHardwareProvider.<init>(ThrowingHardwareProvider.java:11))";

  private static final String PACKAGE = "dev.afd.engine.discovery.";

  private static AfdEngine discover(String fixture) {
    URL root = AfdEngineDiscoveryTest.class.getResource("/discovery/" + fixture + "/");
    ClassLoader loader =
        new URLClassLoader(new URL[] {root}, AfdEngineDiscoveryTest.class.getClassLoader());
    return AfdEngine.builder().discoverPlugins(loader).build();
  }

  @Test
  void reportsDuplicateProviderIdNamingBothClassesAndLocations() {
    assertThatThrownBy(() -> discover("duplicate"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Duplicate hardware provider id 'testing':\n"
                + "  from "
                + PACKAGE
                + "TestingAlphaHardwareProvider (test-classes)\n"
                + "  and  "
                + PACKAGE
                + "TestingBetaHardwareProvider (test-classes)\n"
                + "Provider ids must be unique among HardwareProviders; remove one jar or rename"
                + " one id.");
  }

  @Test
  void reportsDuplicateAcceleratorIdAcrossProviders() {
    assertThatThrownBy(() -> discover("accelerator"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Duplicate accelerator id 'testing-gpu-a':\n"
                + "  from "
                + PACKAGE
                + "TestingGammaHardwareProvider (test-classes)\n"
                + "  and  "
                + PACKAGE
                + "TestingAlphaHardwareProvider (test-classes)\n"
                + "Accelerator ids must be unique across all HardwareProviders; remove one jar or"
                + " rename one id.");
  }

  @Test
  void reportsThrowingConstructor() {
    assertThatThrownBy(() -> discover("throwing"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Hardware provider "
                + PACKAGE
                + "ThrowingHardwareProvider (test-classes) failed to load:"
                + " java.lang.IllegalStateException: licence file not found"
                + THROWS_AT);
  }

  @Test
  void reportsMissingClass() {
    assertThatThrownBy(() -> discover("missing"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Could not load a HardwareProvider listed in"
                + " META-INF/services/dev.afd.spi.HardwareProvider: dev.afd.spi.HardwareProvider:"
                + " Provider "
                + PACKAGE
                + "MissingHardwareProvider not found (registered in missing)");
  }

  @Test
  void reportsNullAndEmptyReturns() {
    assertThatThrownBy(() -> discover("empty"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 2 problems:\n"
                + "1. Hardware provider 'empty' ("
                + PACKAGE
                + "EmptyHardwareProvider (test-classes)) returned an empty list from"
                + " accelerators(); it must return at least one entry\n"
                + "2. Model provider 'null-models' ("
                + PACKAGE
                + "NullModelProvider (test-classes)) returned null from models()");
  }

  @Test
  void collectsEveryProblemIntoOneException() {
    assertThatThrownBy(() -> discover("all"))
        .isInstanceOf(AfdPluginException.class)
        .hasMessageStartingWith("Plugin discovery found 4 problems:\n1. ")
        .hasMessageContaining("2. Could not load a HardwareProvider")
        .hasMessageContaining("3. Duplicate hardware provider id 'testing'")
        .hasMessageContaining("4. Model provider 'null-models'");
  }

  @Test
  void listsProvidersAndAnswersLookupsInIdOrder() {
    AfdEngine engine =
        AfdEngine.builder()
            .addHardwareProvider(new TestingGammaHardwareProvider())
            .addHardwareProvider(new TestingBetaHardwareProvider())
            .build();
    assertThat(engine.plugins()).extracting("id").containsExactly("gamma", "testing");
    assertThat(engine.accelerators())
        .extracting("id")
        .containsExactly("testing-gpu-a", "testing-gpu-b");
    assertThat(engine.accelerator("testing-gpu-b").id()).isEqualTo("testing-gpu-b");
    assertThatThrownBy(() -> engine.accelerator("h100"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Unknown accelerator 'h100'. Known accelerators: [testing-gpu-a, testing-gpu-b]");
    assertThatThrownBy(() -> engine.strategy("agg"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Unknown strategy 'agg': no strategies are installed. Add dev.afd:afd-strategies or a"
                + " strategy plugin jar.");
  }

  @Test
  void rejectsMissingAndCorruptPluginJars(@TempDir Path directory) throws Exception {
    Path missing = directory.resolve("missing.jar");
    assertThatThrownBy(() -> AfdEngine.builder().pluginPath(List.of(missing)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Plugin path '"
                + missing
                + "' does not exist; expected a jar file or a directory of jars");
    Path corrupt = Files.writeString(directory.resolve("corrupt.jar"), "not a zip");
    assertThatThrownBy(() -> AfdEngine.builder().pluginPath(List.of(corrupt)).build())
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Plugin path '" + corrupt + "' is not a readable jar file: zip END header not found");
  }

  @Test
  void tellsAProviderThatListsAnIdTwiceToRemoveAnEntryNotAJar() {
    assertThatThrownBy(
            () -> AfdEngine.builder().addHardwareProvider(new RepeatingHardwareProvider()).build())
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Accelerator id 'testing-twice' is listed twice by"
                + " dev.afd.engine.discovery.RepeatingHardwareProvider (test-classes); Accelerator"
                + " ids must be unique across all HardwareProviders: remove one entry or rename one"
                + " id.");
  }
}

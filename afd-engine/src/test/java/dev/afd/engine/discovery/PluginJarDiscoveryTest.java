package dev.afd.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdPluginException;
import dev.afd.engine.AfdEngine;
import dev.afd.spi.HardwareProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through {@link AfdEngine.Builder#pluginPath}: tiny plugin jars are written at test time
 * from fixture classes and a {@code META-INF/services} file, as a third party would ship them, so
 * every message names the jar a problem came from.
 */
class PluginJarDiscoveryTest {
  /** Where {@link ThrowingHardwareProvider}'s constructor throws, as discovery quotes it. */
  private static final String THROWS_AT =
      " (at dev.afd.engine.discovery.ThrowingHardwareProvider.<init>(ThrowingHardwareProvider.java:11))";

  private static final String PACKAGE = "dev.afd.engine.discovery.";

  /**
   * Hides the fixture classes from the plugin jars' parent, so each jar's copy is the one that
   * loads (and its code source is the jar, not {@code test-classes}).
   */
  private static final class FixtureHidingClassLoader extends ClassLoader {
    FixtureHidingClassLoader() {
      super(PluginJarDiscoveryTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(PACKAGE)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  private static Path jar(Path directory, String name, Class<?>... providers) throws IOException {
    StringBuilder services = new StringBuilder();
    for (Class<?> provider : providers) {
      services.append(provider.getName()).append('\n');
    }
    return jar(directory, name, services.toString(), providers);
  }

  /** {@return a jar of {@code classes} whose HardwareProvider services file is {@code services}} */
  private static Path jar(Path directory, String name, String services, Class<?>... classes)
      throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0");
    Path jar = directory.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      for (Class<?> type : classes) {
        copyClass(out, type);
      }
      copyClass(out, TestingAccelerators.class);
      out.putNextEntry(new JarEntry("META-INF/services/" + HardwareProvider.class.getName()));
      out.write(services.toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static void copyClass(JarOutputStream out, Class<?> type) throws IOException {
    String entry = type.getName().replace('.', '/') + ".class";
    out.putNextEntry(new JarEntry(entry));
    try (InputStream in = type.getResourceAsStream("/" + entry)) {
      in.transferTo(out);
    }
    out.closeEntry();
  }

  private static AfdEngine discover(Path pluginPath) {
    return AfdEngine.builder()
        .discoverPlugins(new FixtureHidingClassLoader())
        .pluginPath(List.of(pluginPath))
        .build();
  }

  @Test
  void reportsADuplicateProviderIdNamingBothJars(@TempDir Path directory) throws IOException {
    jar(directory, "alpha-plugin-1.0.jar", TestingAlphaHardwareProvider.class);
    jar(directory, "beta-plugin-1.0.jar", TestingBetaHardwareProvider.class);

    assertThatThrownBy(() -> discover(directory))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Duplicate hardware provider id 'testing':\n"
                + "  from "
                + PACKAGE
                + "TestingAlphaHardwareProvider (alpha-plugin-1.0.jar)\n"
                + "  and  "
                + PACKAGE
                + "TestingBetaHardwareProvider (beta-plugin-1.0.jar)\n"
                + "Provider ids must be unique among HardwareProviders; remove one jar or rename"
                + " one id.");
  }

  @Test
  void reportsAThrowingProviderNamingItsJar(@TempDir Path directory) throws IOException {
    Path jar = jar(directory, "throwing-plugin-1.0.jar", ThrowingHardwareProvider.class);

    assertThatThrownBy(() -> discover(jar))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Hardware provider "
                + PACKAGE
                + "ThrowingHardwareProvider (throwing-plugin-1.0.jar) failed to load:"
                + " java.lang.IllegalStateException: licence file not found"
                + THROWS_AT);
  }

  @Test
  void reportsEveryProblemOfADirectoryOfJarsAtOnce(@TempDir Path directory) throws IOException {
    jar(directory, "alpha-plugin-1.0.jar", TestingAlphaHardwareProvider.class);
    jar(directory, "beta-plugin-1.0.jar", TestingBetaHardwareProvider.class);
    jar(directory, "gamma-plugin-1.0.jar", TestingGammaHardwareProvider.class);
    jar(directory, "throwing-plugin-1.0.jar", ThrowingHardwareProvider.class);

    assertThatThrownBy(() -> discover(directory))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 3 problems:\n"
                + "1. Hardware provider "
                + PACKAGE
                + "ThrowingHardwareProvider (throwing-plugin-1.0.jar) failed to load:"
                + " java.lang.IllegalStateException: licence file not found"
                + THROWS_AT
                + "\n"
                + "2. Duplicate hardware provider id 'testing':\n"
                + "  from "
                + PACKAGE
                + "TestingAlphaHardwareProvider (alpha-plugin-1.0.jar)\n"
                + "  and  "
                + PACKAGE
                + "TestingBetaHardwareProvider (beta-plugin-1.0.jar)\n"
                + "Provider ids must be unique among HardwareProviders; remove one jar or rename"
                + " one id.\n"
                + "3. Duplicate accelerator id 'testing-gpu-a':\n"
                + "  from "
                + PACKAGE
                + "TestingGammaHardwareProvider (gamma-plugin-1.0.jar)\n"
                + "  and  "
                + PACKAGE
                + "TestingAlphaHardwareProvider (alpha-plugin-1.0.jar)\n"
                + "Accelerator ids must be unique across all HardwareProviders; remove one jar or"
                + " rename one id.");
  }

  @Test
  void reportsTheSameJarTwiceListingBothSources(@TempDir Path directory) throws IOException {
    Path jar = jar(directory, "alpha-plugin-1.0.jar", TestingAlphaHardwareProvider.class);

    assertThatThrownBy(
            () ->
                AfdEngine.builder()
                    .discoverPlugins(new FixtureHidingClassLoader())
                    .pluginPath(List.of(jar, directory))
                    .build())
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. Plugin jar '"
                + jar.toRealPath()
                + "' is on the plugin path twice:\n"
                + "  as '"
                + jar
                + "'\n"
                + "  and '"
                + jar
                + "'\n"
                + "Give each jar once.");
  }

  @Test
  void reportsACopyOfAJarListingBothCopies(@TempDir Path directory) throws IOException {
    Path jar = jar(directory, "alpha-plugin-1.0.jar", TestingAlphaHardwareProvider.class);
    Files.copy(jar, directory.resolve("alpha-plugin-1.0-copy.jar"));

    assertThatThrownBy(() -> discover(directory))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 1 problem:\n"
                + "1. HardwareProvider "
                + PACKAGE
                + "TestingAlphaHardwareProvider is registered by 2 jars:\n"
                + "  from alpha-plugin-1.0-copy.jar\n"
                + "  and  alpha-plugin-1.0.jar\n"
                + "Discovery would keep one and drop the others; remove the extra copies of the"
                + " jar.");
  }

  @Test
  void namesTheJarOfEveryBrokenRegistrationAndEveryBadPath(@TempDir Path directory)
      throws IOException {
    jar(directory, "missing-plugin-1.0.jar", PACKAGE + "MissingHardwareProvider\n");
    jar(
        directory,
        "not-a-provider-1.0.jar",
        PACKAGE + "NotAHardwareProvider\n",
        NotAHardwareProvider.class);
    jar(
        directory,
        "private-plugin-1.0.jar",
        PACKAGE + "PrivateConstructorHardwareProvider\n",
        PrivateConstructorHardwareProvider.class);
    jar(directory, "garbled-plugin-1.0.jar", "not a class name!\n");
    Files.writeString(directory.resolve("notes.jar"), "not a jar");
    jar(directory, "described-plugin-1.0.jar", ThrowingDescriptionHardwareProvider.class);

    assertThatThrownBy(() -> discover(directory))
        .isInstanceOf(AfdPluginException.class)
        .hasMessage(
            "Plugin discovery found 6 problems:\n"
                + "1. Plugin path '"
                + directory.resolve("notes.jar")
                + "' is not a readable jar file: zip END header not found\n"
                + "2. Could not load a HardwareProvider listed in"
                + " META-INF/services/dev.afd.spi.HardwareProvider: dev.afd.spi.HardwareProvider:"
                + " garbled-plugin-1.0.jar:1: Illegal configuration-file syntax\n"
                + "3. Could not load a HardwareProvider listed in"
                + " META-INF/services/dev.afd.spi.HardwareProvider: dev.afd.spi.HardwareProvider:"
                + " Provider "
                + PACKAGE
                + "MissingHardwareProvider not found (registered in missing-plugin-1.0.jar)\n"
                + "4. Could not load a HardwareProvider listed in"
                + " META-INF/services/dev.afd.spi.HardwareProvider: dev.afd.spi.HardwareProvider:"
                + " "
                + PACKAGE
                + "NotAHardwareProvider not a subtype (registered in not-a-provider-1.0.jar)\n"
                + "5. Could not load a HardwareProvider listed in"
                + " META-INF/services/dev.afd.spi.HardwareProvider: dev.afd.spi.HardwareProvider:"
                + " "
                + PACKAGE
                + "PrivateConstructorHardwareProvider Unable to get public no-arg constructor"
                + " (registered in private-plugin-1.0.jar)\n"
                + "6. Hardware provider 'throwing-description' ("
                + PACKAGE
                + "ThrowingDescriptionHardwareProvider (described-plugin-1.0.jar)) failed in"
                + " description(): java.lang.IllegalStateException: no description bundle");
  }

  @Test
  void warnsAboutAJarThatRegistersNoProvider(@TempDir Path directory) throws IOException {
    Path empty = directory.resolve("empty-plugin-1.0.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty), manifest)) {
      copyClass(out, TestingAlphaHardwareProvider.class);
    }

    AfdEngine engine = discover(empty);

    assertThat(engine.warnings())
        .containsExactly(
            "Plugin jar '"
                + empty
                + "' registers no provider (no META-INF/services file of HardwareProvider,"
                + " ModelProvider, StrategyProvider, KernelDatabaseProvider); was it built with"
                + " @AutoService and its annotation processor?");
  }
}

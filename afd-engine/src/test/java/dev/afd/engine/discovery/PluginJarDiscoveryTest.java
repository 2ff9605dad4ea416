package dev.afd.engine.discovery;

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
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0");
    Path jar = directory.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      StringBuilder services = new StringBuilder();
      for (Class<?> provider : providers) {
        copyClass(out, provider);
        services.append(provider.getName()).append('\n');
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
                + " java.lang.IllegalStateException: licence file not found");
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
                + " java.lang.IllegalStateException: licence file not found\n"
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
}

package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden-file test of {@code afd plugins}. After an intended change, regenerate the file with
 * {@code mvn -pl afd-cli test -Dtest=PluginsCommandTest -Dafd.golden.update=true} and review the
 * diff.
 */
class PluginsCommandTest {
  private static final String GOLDEN = "golden/plugins.txt";

  /**
   * {@return the table with its last column, LOCATION, cut off: it names a jar or a class
   * directory, which depends on how the build runs}
   */
  private static String withoutLocations(String table) {
    List<String> lines = table.lines().toList();
    int location = lines.get(0).indexOf("LOCATION");
    assertThat(location).as("LOCATION column in %s", lines.get(0)).isPositive();
    return lines.stream()
            .map(
                line ->
                    line.length() > location ? line.substring(0, location).stripTrailing() : line)
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  @Test
  void listsTheBuiltInProvidersInAStableOrder() throws IOException {
    CommandResult result = CommandResult.run("plugins");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    String actual = withoutLocations(result.out());
    if (Boolean.getBoolean("afd.golden.update")) {
      Path file = Path.of("src/test/resources", GOLDEN);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    String expected;
    try (InputStream golden = PluginsCommandTest.class.getResourceAsStream("/" + GOLDEN)) {
      assertThat(golden).as("golden file %s", GOLDEN).isNotNull();
      expected = new String(golden.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void namesTheJarOrDirectoryOfEveryProvider() {
    CommandResult result = CommandResult.run("plugins");

    List<String> lines = result.outLines();
    int location = lines.get(0).indexOf("LOCATION");
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(line -> assertThat(line.substring(location)).matches("afd-[a-z]+.*|classes"));
  }

  @Test
  void takesAPluginPathNamedLikeASubcommand() {
    // 'plugins' is the option's value here, not the subcommand; this directory does not exist.
    CommandResult result = CommandResult.run("--plugin-path", "plugins", "plugins");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "afd: Plugin path 'plugins' does not exist; expected a jar file or a directory of"
                + " jars\n");
  }

  /**
   * {@return a jar whose only entry is a HardwareProvider services file reading {@code services}}
   */
  private static Path servicesJar(Path directory, String name, String services) throws IOException {
    Path jar = directory.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.afd.spi.HardwareProvider"));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void reportsEveryBrokenJarOfAPluginPathInOneLine(@TempDir Path directory) throws IOException {
    // A non-jar beside broken jars, and one jar given a second time: every problem is listed, each
    // naming its jar (the engine's PluginJarDiscoveryTest covers the rest of the matrix).
    Files.writeString(directory.resolve("notes.jar"), "not a jar");
    servicesJar(directory, "garbled-plugin-1.0.jar", "not a class name!\n");
    Path missing =
        servicesJar(directory, "missing-plugin-1.0.jar", "com.example.MissingHardwareProvider\n");

    CommandResult result =
        CommandResult.run("--plugin-path", directory + "," + missing, "hardware", "list");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("afd: Plugin discovery found 4 problems: 1. ")
        .contains(
            "Plugin path '" + directory.resolve("notes.jar") + "' is not a readable jar file",
            "garbled-plugin-1.0.jar:1: Illegal configuration-file syntax",
            "com.example.MissingHardwareProvider not found (registered in"
                + " missing-plugin-1.0.jar)",
            "Plugin jar '" + missing.toRealPath() + "' is on the plugin path twice");
  }

  @Test
  void warnsAboutAPluginJarThatRegistersNoProvider(@TempDir Path directory) throws IOException {
    Path jar = directory.resolve("empty-1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("README.txt"));
      out.write("no provider here".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    CommandResult result = CommandResult.run("--plugin-path", jar.toString(), "plugins");

    assertThat(result.status()).isZero();
    assertThat(result.err())
        .isEqualTo(
            "afd: warning: Plugin jar '"
                + jar
                + "' registers no provider (no META-INF/services file of HardwareProvider,"
                + " ModelProvider, StrategyProvider, KernelDatabaseProvider); was it built with"
                + " @AutoService and its annotation processor?\n");
  }
}

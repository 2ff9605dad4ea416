package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Compares output with a golden file under {@code src/test/resources/golden/}. Run with {@code
 * -Dafd.updateGolden=true} (or the environment variable {@code AFD_UPDATE_GOLDEN=true} or {@code
 * afd.updateGolden=true}) to rewrite the golden files instead, then review the diff.
 */
final class Golden {
  static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  static boolean updating() {
    String property = System.getProperty("afd.updateGolden", "");
    String environment =
        System.getenv().getOrDefault("AFD_UPDATE_GOLDEN", System.getenv("afd.updateGolden"));
    return property.toLowerCase(Locale.ROOT).equals("true")
        || (environment != null && environment.toLowerCase(Locale.ROOT).equals("true"));
  }

  static void assertMatches(String name, String actual) {
    Path file = DIRECTORY.resolve(name);
    try {
      if (updating()) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file)
          .as("golden file %s is missing; run with -Dafd.updateGolden=true to create it", file)
          .exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual)
          .as("output differs from %s; run with -Dafd.updateGolden=true to accept it", file)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

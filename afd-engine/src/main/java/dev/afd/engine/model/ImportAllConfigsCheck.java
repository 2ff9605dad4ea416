package dev.afd.engine.model;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.MoeModelSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Imports every {@code *_config.json} of a directory (by default {@code
 * ../shared/data/model-configs}) and prints one line per file and a tally: imported, or the reason
 * it was not. Run by {@code .ci/run}; exits 0 whatever the tally, since unsupported architectures
 * are an expected outcome.
 *
 * @since 0.1
 */
public final class ImportAllConfigsCheck {
  private ImportAllConfigsCheck() {}

  /** One file's outcome. */
  record Outcome(String file, boolean imported, String detail) {}

  /**
   * Runs the check.
   *
   * @param args optional: the directory of configs
   */
  public static void main(String[] args) {
    Path directory = Path.of(args.length > 0 ? args[0] : "../shared/data/model-configs");
    run(directory, System.out);
  }

  /**
   * Imports every config of {@code directory} and prints the outcomes to {@code out}.
   *
   * @param directory the directory
   * @param out where to print
   * @return the outcomes, sorted by file name
   */
  static List<Outcome> run(Path directory, PrintStream out) {
    List<Path> configs;
    try (Stream<Path> files = Files.list(directory)) {
      configs =
          files
              .filter(file -> file.getFileName().toString().endsWith("_config.json"))
              .filter(file -> !file.getFileName().toString().endsWith("_hf_quant_config.json"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Path config : configs) {
      String file = config.getFileName().toString();
      try {
        MoeModelSpec model =
            HuggingFaceConfigImporter.read(config, HuggingFaceConfigImporter.defaultId(config));
        outcomes.add(
            new Outcome(
                file,
                true,
                String.format(
                    Locale.ROOT,
                    "%s: %.2fB total, %.2fB active, %.0f KV bytes/token",
                    model.id(),
                    model.totalParameters() / 1e9,
                    model.activeParameters() / 1e9,
                    model.kvBytesPerToken())));
      } catch (AfdConfigurationException e) {
        outcomes.add(new Outcome(file, false, e.getMessage()));
      }
    }
    long imported = outcomes.stream().filter(Outcome::imported).count();
    for (Outcome outcome : outcomes) {
      out.println(
          (outcome.imported() ? "imported     " : "not imported ")
              + outcome.file()
              + "  "
              + outcome.detail());
    }
    out.println(
        String.format(
            Locale.ROOT,
            "tally: %d configs, %d imported, %d not imported",
            outcomes.size(),
            imported,
            outcomes.size() - imported));
    return outcomes;
  }
}

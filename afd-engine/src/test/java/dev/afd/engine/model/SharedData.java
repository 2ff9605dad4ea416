package dev.afd.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds ../shared/data relative to the repository root, walking up from the working directory. */
final class SharedData {
  private SharedData() {}

  static Optional<Path> modelConfigs() {
    for (Path directory = Path.of("").toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve("../shared/data/model-configs").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

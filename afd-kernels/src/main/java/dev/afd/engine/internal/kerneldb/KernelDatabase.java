package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An AIConfigurator-format kernel database: {@code systems/<system>.yaml} (optional) and {@code
 * systems/data/<system>/<family>/<backend>/<version>/<table>_perf.parquet}.
 *
 * <p>{@link #open(Path)} accepts either the {@code systems} directory or the directory above it.
 * Opening only lists files; tables are read lazily by {@link KernelSystem#table(String)}. Instances
 * are thread-safe.
 */
public final class KernelDatabase {
  private static final String TABLE_SUFFIX = "_perf.parquet";
  private static final String REUSE_FILE = "reuse.yaml";

  private final Path systemsDirectory;
  private final Map<String, KernelSystem> systems;

  private KernelDatabase(Path systemsDirectory, Map<String, KernelSystem> systems) {
    this.systemsDirectory = systemsDirectory;
    this.systems = Collections.unmodifiableMap(systems);
  }

  /**
   * Opens a kernel database directory.
   *
   * @param directory the {@code systems} directory or its parent
   * @throws IllegalArgumentException if neither {@code directory/data} nor {@code
   *     directory/systems/data} is a directory
   * @throws UncheckedIOException if listing the directory fails
   */
  public static KernelDatabase open(Path directory) {
    requireNonNull(directory, "directory");
    Path systemsDirectory;
    if (Files.isDirectory(directory.resolve("systems").resolve("data"))) {
      systemsDirectory = directory.resolve("systems");
    } else if (Files.isDirectory(directory.resolve("data"))) {
      systemsDirectory = directory;
    } else {
      throw new IllegalArgumentException(
          "Kernel database directory '"
              + directory
              + "' has neither 'systems/data' nor 'data'. Pass the AIConfigurator 'systems'"
              + " directory or the directory that contains it.");
    }
    Map<String, KernelSystem> systems = new LinkedHashMap<>();
    for (Path systemDirectory : sortedChildren(systemsDirectory.resolve("data"))) {
      if (!Files.isDirectory(systemDirectory)) {
        continue;
      }
      String system = systemDirectory.getFileName().toString();
      Path specificationFile = systemsDirectory.resolve(system + ".yaml");
      systems.put(
          system,
          new KernelSystem(
              system,
              Files.isRegularFile(specificationFile) ? specificationFile : null,
              findTables(system, systemDirectory)));
    }
    return new KernelDatabase(systemsDirectory, systems);
  }

  private static List<KernelTableId> findTables(String system, Path systemDirectory) {
    List<KernelTableId> ids = new ArrayList<>();
    // The layout is fixed at four levels: family, backend, version, file.
    for (Path family : sortedChildren(systemDirectory)) {
      for (Path backend : sortedChildren(family)) {
        for (Path version : sortedChildren(backend)) {
          List<String> present = new ArrayList<>();
          for (Path file : sortedChildren(version)) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(TABLE_SUFFIX) && Files.isRegularFile(file)) {
              String name = fileName.substring(0, fileName.length() - TABLE_SUFFIX.length());
              present.add(name);
              ids.add(tableId(system, family, backend, version, name, file));
            }
          }
          Path reuse = version.resolve(REUSE_FILE);
          if (Files.isRegularFile(reuse)) {
            for (Map.Entry<String, String> borrowed : readReuse(reuse).entrySet()) {
              String name = tableName(borrowed.getKey());
              Path file = backend.resolve(borrowed.getValue()).resolve(name + TABLE_SUFFIX);
              // A table of the version's own wins over a borrowed one; a missing donor is skipped.
              if (!present.contains(name) && Files.isRegularFile(file)) {
                ids.add(tableId(system, family, backend, version, name, file));
              }
            }
          }
        }
      }
    }
    Collections.sort(ids);
    return ids;
  }

  /** {@return the id of table {@code name} at {@code file}, named by its directories} */
  private static KernelTableId tableId(
      String system, Path family, Path backend, Path version, String name, Path file) {
    return new KernelTableId(
        system,
        family.getFileName().toString(),
        backend.getFileName().toString(),
        version.getFileName().toString(),
        name,
        file);
  }

  private static String tableName(String reuseEntry) {
    String name = reuseEntry;
    if (name.endsWith(".parquet")) {
      name = name.substring(0, name.length() - ".parquet".length());
    }
    if (name.endsWith("_perf")) {
      name = name.substring(0, name.length() - "_perf".length());
    }
    return name;
  }

  /**
   * Reads a {@code reuse.yaml}: a list of {@code - table: <name>_perf} entries, each with a {@code
   * from_version: <version>} naming the version directory of the same backend whose table is
   * reused. Returns table to version in file order; other keys are ignored.
   */
  static Map<String, String> readReuse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException exception) {
      throw new UncheckedIOException("Cannot read '" + file + "'", exception);
    }
    Map<String, String> versions = new LinkedHashMap<>();
    String table = null;
    for (String line : lines) {
      String text = line.strip();
      if (text.startsWith("- ")) {
        table = null;
        text = text.substring(2).strip();
      }
      if (text.startsWith("table:")) {
        table = unquote(text.substring("table:".length()));
      } else if (text.startsWith("from_version:") && table != null) {
        versions.put(table, unquote(text.substring("from_version:".length())));
      }
    }
    return versions;
  }

  private static String unquote(String value) {
    String text = value.strip();
    if (text.length() >= 2
        && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0)) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }

  private static List<Path> sortedChildren(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(directory)) {
      // Sorting makes system and table order independent of the file system's listing order.
      return children.sorted().toList();
    } catch (IOException exception) {
      throw new UncheckedIOException(
          "Cannot list kernel database directory '" + directory + "'", exception);
    }
  }

  /** {@return the {@code systems} directory this database was opened from} */
  public Path systemsDirectory() {
    return systemsDirectory;
  }

  /** {@return the system names, sorted} */
  public List<String> systemNames() {
    return List.copyOf(systems.keySet());
  }

  /**
   * Returns a system.
   *
   * @throws IllegalArgumentException if the database has no such system; the message lists the
   *     systems
   */
  public KernelSystem system(String name) {
    requireNonNull(name, "name");
    KernelSystem system = systems.get(name);
    if (system == null) {
      throw new IllegalArgumentException(
          "Unknown system '"
              + name
              + "' in kernel database '"
              + systemsDirectory
              + "'. Known systems: "
              + systemNames());
    }
    return system;
  }

  @Override
  public String toString() {
    return "KernelDatabase[" + systemsDirectory + ", systems " + systemNames() + "]";
  }
}

package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.internal.parquet.ParquetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The kernel tables of one system (for example {@code h200_sxm}) and its optional system file.
 *
 * <p>Tables are found when the database is opened but read only on first use, then cached, so
 * opening a database costs a directory listing. Instances are thread-safe: concurrent first
 * requests for a table read it once.
 */
public final class KernelSystem {
  private final String name;
  private final @Nullable Path specificationFile;
  private final List<KernelTableId> tableIds;
  private final Map<KernelTableId, KernelTable> loadedTables = new ConcurrentHashMap<>();
  private volatile @Nullable SystemSpecification specification;

  KernelSystem(String name, @Nullable Path specificationFile, List<KernelTableId> tableIds) {
    this.name = requireNonNull(name, "name");
    this.specificationFile = specificationFile;
    this.tableIds = List.copyOf(tableIds);
  }

  /** {@return the system name, the directory name under {@code systems/data}} */
  public String name() {
    return name;
  }

  /** {@return the tables of this system, sorted by name} */
  public List<KernelTableId> tableIds() {
    return tableIds;
  }

  /**
   * Returns the GPU figures from {@code systems/<system>.yaml}, read on first use.
   *
   * @return empty when the database has no system file for this system
   */
  public Optional<SystemSpecification> specification() {
    Path file = specificationFile;
    if (file == null) {
      return Optional.empty();
    }
    SystemSpecification result = specification;
    if (result == null) {
      // Reading twice under a race is harmless: the file is immutable and the result equal.
      result = SystemSpecification.read(file);
      specification = result;
    }
    return Optional.of(result);
  }

  /**
   * Returns the table called {@code tableName}, reading it on first use.
   *
   * @param tableName the file name without {@code _perf.parquet}, for example {@code gemm}
   * @throws IllegalArgumentException if no table or more than one table (several backends or
   *     versions) has that name; the message lists the choices
   */
  public KernelTable table(String tableName) {
    requireNonNull(tableName, "tableName");
    List<KernelTableId> matches = new ArrayList<>();
    for (KernelTableId id : tableIds) {
      if (id.name().equals(tableName)) {
        matches.add(id);
      }
    }
    if (matches.isEmpty()) {
      TreeSet<String> known = new TreeSet<>();
      tableIds.forEach(id -> known.add(id.name()));
      throw new IllegalArgumentException(
          "Unknown kernel table '"
              + tableName
              + "' for system '"
              + name
              + "'. Known tables: "
              + known);
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "Kernel table '"
              + tableName
              + "' of system '"
              + name
              + "' exists for several backends or versions: "
              + matches
              + ". Choose one with table(KernelTableId).");
    }
    return table(matches.get(0));
  }

  /**
   * Returns a table by id, reading it on first use.
   *
   * @throws IllegalArgumentException if the id is not one of {@link #tableIds()}
   */
  public KernelTable table(KernelTableId id) {
    requireNonNull(id, "id");
    if (!tableIds.contains(id)) {
      throw new IllegalArgumentException(
          "Kernel table " + id + " does not belong to system '" + name + "'");
    }
    return loadedTables.computeIfAbsent(
        id, key -> KernelTable.fromParquet(key.name(), ParquetTable.read(key.file())));
  }

  @Override
  public String toString() {
    return "KernelSystem[" + name + ", " + tableIds.size() + " tables]";
  }
}

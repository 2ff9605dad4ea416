package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The family lookups of one system for one serving backend, built on first use.
 *
 * <p>Only tables measured with that backend are used (plus the backend-independent {@link
 * #NCCL_BACKEND} tables), never another backend's; where the backend has several versions of a
 * table the newest ({@link BackendVersions}) is used. A family whose table the backend lacks
 * resolves to empty, and callers fall back to the roofline. A table that cannot be read fails with
 * an {@link AfdConfigurationException} naming the file, since the database is user input.
 * Thread-safe: each family is loaded once.
 */
public final class SystemLookups {
  /** The backend directory of NCCL's collective tables, which every serving backend shares. */
  public static final String NCCL_BACKEND = "nccl";

  private final KernelSystem system;
  private final String backend;
  private final ConcurrentHashMap<String, Optional<FamilyLookup>> families =
      new ConcurrentHashMap<>();

  /** Creates lookups over {@code system}'s tables of {@code backend}; reads nothing yet. */
  public SystemLookups(KernelSystem system, String backend) {
    this.system = requireNonNull(system, "system");
    this.backend = requireNonNull(backend, "backend");
  }

  /** {@return the serving backend whose tables are used, for example {@code trtllm}} */
  public String backend() {
    return backend;
  }

  /**
   * {@return the table called {@code tableName} that {@code backend} uses on {@code system}: that
   * backend's or NCCL's, newest version; empty if there is none}
   */
  public static Optional<KernelTableId> select(
      KernelSystem system, String backend, String tableName) {
    KernelTableId newest = null;
    for (KernelTableId id : system.tableIds()) {
      if (id.name().equals(tableName)
          && (id.backend().equals(backend) || id.backend().equals(NCCL_BACKEND))
          && (newest == null || BackendVersions.compare(id.version(), newest.version()) > 0)) {
        newest = id;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** {@return whether {@code system} has any table measured with {@code backend}} */
  public static boolean hasBackend(KernelSystem system, String backend) {
    for (KernelTableId id : system.tableIds()) {
      if (id.backend().equals(backend)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the system} */
  public KernelSystem system() {
    return system;
  }

  /**
   * {@return the lookup of a family, loading its table on first use; empty if the system has no
   * such table}
   *
   * @throws AfdConfigurationException if the table or the system file cannot be read
   */
  public Optional<FamilyLookup> family(KernelFamily family) {
    requireNonNull(family, "family");
    Optional<FamilyLookup> lookup = families.get(family.tableName());
    if (lookup != null) {
      return lookup;
    }
    return families.computeIfAbsent(family.tableName(), name -> load(family));
  }

  private Optional<FamilyLookup> load(KernelFamily family) {
    Optional<KernelTableId> selected = select(system, backend, family.tableName());
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    KernelTableId id = selected.get();
    Optional<SystemSpecification> specification;
    try {
      specification = system.specification();
    } catch (RuntimeException exception) {
      // The system file's fault, not the table's that happened to need it first.
      throw new AfdConfigurationException(
          "kernel database system '" + system.name() + "': " + messageOf(exception), exception);
    }
    try {
      KernelTable table = system.table(id);
      LatencyGrid grid = table.grid(family.layout());
      RooflineModel roofline = null;
      if (family.roofline() != null && specification.isPresent()) {
        roofline = family.roofline().apply(family.layout(), specification.get());
      }
      return Optional.of(
          new FamilyLookup(family, system.name() + "/" + id.name() + "_perf", grid, roofline));
    } catch (RuntimeException exception) {
      throw new AfdConfigurationException(
          "kernel table '" + id.file() + "' cannot be used: " + messageOf(exception), exception);
    }
  }

  private static String messageOf(Throwable exception) {
    @Nullable String message = exception.getMessage();
    return message == null ? exception.getClass().getSimpleName() : message;
  }

  @Override
  public String toString() {
    return "SystemLookups[" + system.name() + ", " + backend + "]";
  }
}

package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The family lookups of one system, built on first use.
 *
 * <p>A family whose table the system lacks resolves to empty, and callers fall back to the
 * roofline. A table that cannot be read fails with an {@link AfdConfigurationException} naming the
 * file, since the database is user input. Thread-safe: each family is loaded once.
 */
public final class SystemLookups {
  private final KernelSystem system;
  private final ConcurrentHashMap<String, Optional<FamilyLookup>> families =
      new ConcurrentHashMap<>();

  /** Creates lookups over {@code system}; reads nothing yet. */
  public SystemLookups(KernelSystem system) {
    this.system = requireNonNull(system, "system");
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
    List<KernelTableId> matches = new ArrayList<>();
    for (KernelTableId id : system.tableIds()) {
      if (id.name().equals(family.tableName())) {
        matches.add(id);
      }
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    // Several backends or versions: the last in sorted order (the newest version) wins.
    KernelTableId id = matches.get(matches.size() - 1);
    try {
      KernelTable table = system.table(id);
      LatencyGrid grid = table.grid(family.layout());
      RooflineModel roofline = null;
      Optional<SystemSpecification> specification = system.specification();
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
    return "SystemLookups[" + system.name() + "]";
  }
}

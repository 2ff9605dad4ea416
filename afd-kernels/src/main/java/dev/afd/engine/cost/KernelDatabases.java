package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opened, stacked kernel databases and the accelerator mapping, handing out one {@link
 * MeasuredKernelCostModel} per serving backend.
 *
 * <p>Opening lists directories only. The models share the databases, so a table is read once
 * however many backends' models touch it, and each model reads only the tables of its backend that
 * pricing actually touches. Models are cached per backend. Thread-safe.
 */
public final class KernelDatabases {
  /** The serving backends the shipped tables cover, default first. */
  public static final List<String> BACKENDS = List.of("trtllm", "vllm", "sglang");

  private final List<KernelDatabase> databases;
  private final Map<String, String> systemsByAccelerator;
  private final RooflineCostModel fallback;
  private final ConcurrentHashMap<String, MeasuredKernelCostModel> models =
      new ConcurrentHashMap<>();

  private KernelDatabases(
      List<KernelDatabase> databases,
      Map<String, String> systemsByAccelerator,
      RooflineCostModel fallback) {
    this.databases = List.copyOf(databases);
    this.systemsByAccelerator = Collections.unmodifiableMap(new TreeMap<>(systemsByAccelerator));
    this.fallback = fallback;
  }

  /**
   * Stacks opened databases.
   *
   * @param databases lowest priority first; for each system and backend the last database with
   *     tables of that backend supplies them
   * @param systemsByAccelerator accelerator id to database system
   * @param fallback the roofline where no table applies
   * @throws IllegalArgumentException if {@code databases} is empty
   */
  public static KernelDatabases of(
      List<KernelDatabase> databases,
      Map<String, String> systemsByAccelerator,
      RooflineCostModel fallback) {
    requireNonNull(databases, "databases");
    requireNonNull(systemsByAccelerator, "systemsByAccelerator");
    requireNonNull(fallback, "fallback");
    if (databases.isEmpty()) {
      throw new IllegalArgumentException("databases is empty; give at least one kernel database");
    }
    return new KernelDatabases(databases, systemsByAccelerator, fallback);
  }

  /**
   * Opens database directories (lowest priority first) with the default roofline as fallback.
   *
   * @throws AfdConfigurationException if a directory does not exist or holds no system
   */
  public static KernelDatabases open(List<Path> roots, Map<String, String> systemsByAccelerator) {
    List<KernelDatabase> opened = new ArrayList<>();
    for (Path root : roots) {
      opened.add(KernelCostModels.openDatabase(root));
    }
    return of(opened, systemsByAccelerator, KernelCostModels.roofline());
  }

  /** {@return the databases, lowest priority first} */
  public List<KernelDatabase> databases() {
    return databases;
  }

  /** {@return accelerator id to database system, sorted by accelerator id} */
  public Map<String, String> systemsByAccelerator() {
    return systemsByAccelerator;
  }

  /**
   * {@return the measured model for one serving backend, built on first request and cached}
   *
   * @param backend a serving backend id, for example {@code trtllm}, {@code vllm} or {@code
   *     sglang}; a backend without tables prices everything with the roofline
   */
  public MeasuredKernelCostModel model(String backend) {
    requireNonNull(backend, "backend");
    return models.computeIfAbsent(
        backend,
        key -> MeasuredKernelCostModel.create(databases, key, systemsByAccelerator, fallback));
  }

  /**
   * Checks a serving backend id given by a user.
   *
   * @param option the option or field that gave it, for example {@code --backend}
   * @throws AfdConfigurationException naming the option, the value and the choices
   */
  public static String checkBackend(String option, String backend) {
    requireNonNull(option, "option");
    if (backend == null || !BACKENDS.contains(backend)) {
      throw new AfdConfigurationException(
          "Option "
              + option
              + ": unknown backend '"
              + backend
              + "'; expected one of "
              + String.join(", ", BACKENDS));
    }
    return backend;
  }

  @Override
  public String toString() {
    return "KernelDatabases["
        + databases.stream().map(KernelDatabase::systemsDirectory).toList()
        + ", "
        + systemsByAccelerator
        + "]";
  }
}

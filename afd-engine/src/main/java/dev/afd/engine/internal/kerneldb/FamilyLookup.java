package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The lookup index of one kernel family on one system: the table's {@link LatencyGrid}, its
 * roofline (when the system file gives peaks) and the resolution of the categories a query leaves
 * free.
 *
 * <p>Immutable apart from a cache of resolved category combinations; thread-safe.
 */
public final class FamilyLookup {
  private static final String SEPARATOR = "\u001f";
  private static final String FREE = "\u0000";

  private final KernelFamily family;
  private final String source;
  private final LatencyGrid grid;
  private final @Nullable RooflineModel roofline;
  private final List<List<String>> combinations;
  private final ConcurrentHashMap<String, Optional<List<String>>> resolved =
      new ConcurrentHashMap<>();

  FamilyLookup(
      KernelFamily family, String source, LatencyGrid grid, @Nullable RooflineModel roofline) {
    this.family = requireNonNull(family, "family");
    this.source = requireNonNull(source, "source");
    this.grid = requireNonNull(grid, "grid");
    this.roofline = roofline;
    this.combinations = grid.categoryCombinations();
  }

  /** {@return the family} */
  public KernelFamily family() {
    return family;
  }

  /**
   * {@return the source tag of every time this lookup gives, for example {@code
   * h200_sxm/gemm_perf}}
   */
  public String source() {
    return source;
  }

  /** {@return the grid} */
  public LatencyGrid grid() {
    return grid;
  }

  /** {@return the roofline used beyond the grid, if the system file gives peaks} */
  public Optional<RooflineModel> roofline() {
    return Optional.ofNullable(roofline);
  }

  /**
   * Predicts a latency.
   *
   * @param categories the layout's category values; null where the query leaves the column free, in
   *     which case the family's preferred measured value is used
   * @param coordinates the layout's axis values
   * @return the prediction, or empty when no measured combination matches the categories
   */
  public Optional<Prediction> predict(@Nullable String[] categories, double[] coordinates) {
    Optional<List<String>> match = resolve(categories);
    if (match.isEmpty()) {
      return Optional.empty();
    }
    return grid.predict(match.get(), coordinates, roofline);
  }

  /** {@return the measured category combination a query with free columns resolves to} */
  public Optional<List<String>> resolve(@Nullable String[] categories) {
    StringBuilder key = new StringBuilder();
    for (String category : categories) {
      key.append(category == null ? FREE : category).append(SEPARATOR);
    }
    String text = key.toString();
    Optional<List<String>> cached = resolved.get(text);
    if (cached != null) {
      return cached;
    }
    Optional<List<String>> result = choose(categories.clone());
    resolved.putIfAbsent(text, result);
    return result;
  }

  private Optional<List<String>> choose(@Nullable String[] categories) {
    List<String> best = null;
    int[] bestRanks = null;
    for (List<String> combination : combinations) {
      int[] ranks = new int[categories.length];
      boolean matches = true;
      for (int index = 0; index < categories.length && matches; index++) {
        String wanted = categories[index];
        if (wanted != null) {
          matches = wanted.equals(combination.get(index));
        } else {
          int rank = family.preferences().get(index).indexOf(combination.get(index));
          ranks[index] = rank < 0 ? Integer.MAX_VALUE : rank;
        }
      }
      if (matches && (best == null || isBetter(ranks, combination, bestRanks, best))) {
        best = combination;
        bestRanks = ranks;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean isBetter(
      int[] ranks, List<String> combination, int[] bestRanks, List<String> best) {
    int comparison = Arrays.compare(ranks, bestRanks);
    if (comparison != 0) {
      return comparison < 0;
    }
    return String.join(SEPARATOR, combination).compareTo(String.join(SEPARATOR, best)) < 0;
  }

  /** {@return the measured category combinations, in first-seen row order} */
  public List<List<String>> combinations() {
    return new ArrayList<>(combinations);
  }

  @Override
  public String toString() {
    return "FamilyLookup[" + source + "]";
  }
}

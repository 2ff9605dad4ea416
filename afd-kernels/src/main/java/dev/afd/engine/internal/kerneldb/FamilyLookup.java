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
  private final ConcurrentHashMap<String, List<List<String>>> resolved = new ConcurrentHashMap<>();

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
   * <p>Where a free column leaves several measured combinations, the family's preferred one is used
   * unless the query lies outside its grid and another combination's grid covers it: a kernel
   * measured only at other shapes (vLLM's context attention table, for one, holds its decode kernel
   * at one-token prompts) would otherwise price a prompt by extrapolating far beyond its grid.
   *
   * @param categories the layout's category values; null where the query leaves the column free, in
   *     which case the family's preferred measured value is used
   * @param coordinates the layout's axis values
   * @return the prediction, or empty when no measured combination matches the categories
   */
  public Optional<Prediction> predict(@Nullable String[] categories, double[] coordinates) {
    List<List<String>> ranked = rank(categories);
    if (ranked.isEmpty()) {
      return Optional.empty();
    }
    Optional<Prediction> preferred = grid.predict(ranked.get(0), coordinates, roofline);
    if (ranked.size() == 1 || !extrapolated(preferred)) {
      return preferred;
    }
    for (List<String> combination : ranked.subList(1, ranked.size())) {
      Optional<Prediction> other = grid.predict(combination, coordinates, roofline);
      if (other.isPresent() && !extrapolated(other)) {
        return other;
      }
    }
    return preferred;
  }

  private static boolean extrapolated(Optional<Prediction> prediction) {
    return prediction.isPresent() && prediction.get().method() == Prediction.Method.EXTRAPOLATED;
  }

  /** {@return the measured category combination a query with free columns resolves to} */
  public Optional<List<String>> resolve(@Nullable String[] categories) {
    List<List<String>> ranked = rank(categories);
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
  }

  /** {@return the measured combinations that match the fixed columns, preferred first} */
  private List<List<String>> rank(@Nullable String[] categories) {
    StringBuilder key = new StringBuilder();
    for (String category : categories) {
      key.append(category == null ? FREE : category).append(SEPARATOR);
    }
    String text = key.toString();
    List<List<String>> cached = resolved.get(text);
    if (cached != null) {
      return cached;
    }
    List<List<String>> result = choose(categories.clone());
    resolved.putIfAbsent(text, result);
    return result;
  }

  private List<List<String>> choose(@Nullable String[] categories) {
    List<List<String>> matching = new ArrayList<>();
    List<int[]> matchingRanks = new ArrayList<>();
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
      if (matches) {
        int position = 0;
        while (position < matching.size()
            && !isBetter(ranks, combination, matchingRanks.get(position), matching.get(position))) {
          position++;
        }
        matching.add(position, combination);
        matchingRanks.add(position, ranks);
      }
    }
    return List.copyOf(matching);
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

package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * One kernel family of an AIConfigurator database as afd prices it: its table, how the table is
 * indexed, which category values to prefer when several kernels were measured for one shape, and
 * its roofline.
 *
 * @param name the family name used in reports, for example {@code "generation attention"}
 * @param tableName the table, for example {@code generation_attention}
 * @param layout the grid layout
 * @param preferences per category column of the layout, the values preferred when a query leaves
 *     that column free (for example {@code kernel_source}), best first; values not listed rank
 *     after the listed ones, alphabetically. An empty list for columns a query always fixes.
 * @param roofline builds the family's roofline for a system, or null for none
 */
public record KernelFamily(
    String name,
    String tableName,
    GridLayout layout,
    List<List<String>> preferences,
    @Nullable BiFunction<GridLayout, SystemSpecification, RooflineModel> roofline) {
  public KernelFamily {
    requireNonNull(name, "name");
    requireNonNull(tableName, "tableName");
    requireNonNull(layout, "layout");
    preferences = preferences.stream().map(List::copyOf).toList();
    if (preferences.size() != layout.categoryColumns().size()) {
      throw new IllegalArgumentException(
          "preferences must give one list per category column "
              + layout.categoryColumns()
              + ", got "
              + preferences.size());
    }
  }
}

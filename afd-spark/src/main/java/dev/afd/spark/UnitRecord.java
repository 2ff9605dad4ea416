package dev.afd.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task returns for one {@link TaskUnit}: per strategy it covered, the partial outcome, and
 * when asked every evaluated candidate in enumeration order.
 *
 * @param unit the unit
 * @param partials per strategy the unit covers, in study order
 * @param results every evaluated candidate in enumeration order, or empty when not asked for
 * @param best for refinement: per strategy the unit covered, in study order, its best results
 *     meeting the SLO, best first ({@code Refinement.Best}); empty without refinement
 * @param evaluationSeconds the executor's wall time for the unit
 */
record UnitRecord(
    TaskUnit unit,
    List<PartialRecord> partials,
    List<ResultRecord> results,
    List<ResultRecord> best,
    double evaluationSeconds)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lists. */
  UnitRecord {
    partials = List.copyOf(partials);
    results = List.copyOf(results);
    best = List.copyOf(best);
  }
}

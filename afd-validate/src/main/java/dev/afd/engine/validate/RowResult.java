package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The outcome of one silicon row under one kernel cost model: either a prediction or why the row
 * was skipped.
 *
 * @param row the row
 * @param used whether a prediction was made
 * @param reason why the row was skipped, empty when used
 * @param predictedTtftMs predicted TTFT in milliseconds, NaN when skipped
 * @param predictedTpotMs predicted TPOT in milliseconds, NaN when skipped
 * @param knobs the evaluated candidate's knobs, empty when skipped
 * @param assumptions what the mapping assumed, empty if nothing
 * @param costModel kernel cost model id
 */
public record RowResult(
    SiliconRow row,
    boolean used,
    String reason,
    double predictedTtftMs,
    double predictedTpotMs,
    Map<String, String> knobs,
    String assumptions,
    String costModel) {

  /** Validates and copies. */
  public RowResult {
    requireNonNull(row, "row");
    requireNonNull(reason, "reason");
    knobs = Map.copyOf(knobs);
    requireNonNull(assumptions, "assumptions");
    requireNonNull(costModel, "costModel");
  }

  /** {@return TTFT absolute percentage error in percent} */
  public double ttftError() {
    return ErrorStats.percentError(predictedTtftMs, row.ttftMs());
  }

  /** {@return TTFT signed percentage error in percent, negative when predicted low} */
  public double ttftSignedError() {
    return ErrorStats.signedPercentError(predictedTtftMs, row.ttftMs());
  }

  /** {@return TPOT signed percentage error in percent, negative when predicted low} */
  public double tpotSignedError() {
    return ErrorStats.signedPercentError(predictedTpotMs, row.tpotMs());
  }

  /** {@return TPOT absolute percentage error in percent} */
  public double tpotError() {
    return ErrorStats.percentError(predictedTpotMs, row.tpotMs());
  }
}

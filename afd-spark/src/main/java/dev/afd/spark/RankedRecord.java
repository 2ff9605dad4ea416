package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.simulate.Refinement;
import java.io.Serializable;

/**
 * A {@link Refinement.Ranked} row as plain serialisable values, from the refinement task that
 * simulated it to the driver that reports it; doubles bit for bit.
 *
 * @param closedForm the candidate's closed-form result
 * @param simulated whether it was simulated (the four figures are 0 otherwise)
 * @param tokensPerSecondPerDevice simulated tokens/s/GPU
 * @param meetingSlo the share of requests meeting the SLO
 * @param ttftP90Seconds the 90th percentile TTFT
 * @param tpotP90Seconds the 90th percentile TPOT
 * @param goodputPerDevice the goodput the ranking uses
 * @param reason why it was not simulated, empty otherwise
 */
record RankedRecord(
    ResultRecord closedForm,
    boolean simulated,
    double tokensPerSecondPerDevice,
    double meetingSlo,
    double ttftP90Seconds,
    double tpotP90Seconds,
    double goodputPerDevice,
    String reason)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates. */
  RankedRecord {
    requireNonNull(closedForm, "closedForm");
    requireNonNull(reason, "reason");
  }

  static RankedRecord of(Refinement.Ranked ranked) {
    Refinement.Figures figures = ranked.simulated();
    return new RankedRecord(
        ResultRecord.of(ranked.closedForm()),
        figures != null,
        figures == null ? 0 : figures.tokensPerSecondPerDevice(),
        figures == null ? 0 : figures.meetingSlo(),
        figures == null ? 0 : figures.ttftP90Seconds(),
        figures == null ? 0 : figures.tpotP90Seconds(),
        ranked.goodputPerDevice(),
        ranked.reason());
  }

  Refinement.Ranked toRanked() {
    return new Refinement.Ranked(
        closedForm.toResult(),
        simulated
            ? new Refinement.Figures(
                tokensPerSecondPerDevice, meetingSlo, ttftP90Seconds, tpotP90Seconds)
            : null,
        goodputPerDevice,
        reason);
  }
}

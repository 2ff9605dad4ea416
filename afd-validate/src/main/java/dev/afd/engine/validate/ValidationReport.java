package dev.afd.engine.validate;

import java.util.List;
import java.util.Locale;

/** Renders validation summaries. */
public final class ValidationReport {
  private ValidationReport() {}

  /** {@return a console table of summaries} */
  public static String text(List<ValidationSummary> summaries) {
    StringBuilder out = new StringBuilder();
    for (ValidationSummary summary : summaries) {
      out.append("kernel cost model: ").append(summary.costModel()).append('\n');
      out.append(
          String.format(
              Locale.ROOT,
              "%-70s %5s %5s %8s %8s %8s %8s %8s %8s %8s %8s%n",
              "partition",
              "used",
              "skip",
              "TTFT%",
              "med",
              "p90",
              "bias",
              "TPOT%",
              "med",
              "p90",
              "bias"));
      for (ValidationSummary.Partition partition : summary.partitions()) {
        out.append(line(partition));
      }
      out.append(line(summary.overall()));
      summary
          .rowsSkippedByReason()
          .forEach(
              (reason, count) ->
                  out.append(String.format(Locale.ROOT, "  skipped %4d: %s%n", count, reason)));
    }
    return out.toString();
  }

  static String line(ValidationSummary.Partition p) {
    return String.format(
        Locale.ROOT,
        "%-70s %5d %5d %8.1f %8.1f %8.1f %+8.1f %8.1f %8.1f %8.1f %+8.1f%n",
        p.key(),
        p.rowsUsed(),
        p.rowsSkipped(),
        p.ttft().mape(),
        p.ttft().median(),
        p.ttft().p90(),
        p.ttft().bias(),
        p.tpot().mape(),
        p.tpot().median(),
        p.tpot().p90(),
        p.tpot().bias());
  }
}

package dev.afd.api.strategy;

import static java.util.Objects.requireNonNull;

import dev.afd.api.unit.TimeSpan;

/**
 * Latency targets a deployment must meet.
 *
 * @param timeToFirstToken the TTFT limit
 * @param timePerOutputToken the TPOT limit
 * @since 0.1
 */
public record SloSpec(TimeSpan timeToFirstToken, TimeSpan timePerOutputToken) {

  /**
   * Validates the SLO.
   *
   * @param timeToFirstToken TTFT
   * @param timePerOutputToken TPOT
   */
  public SloSpec {
    requireNonNull(timeToFirstToken, "timeToFirstToken");
    requireNonNull(timePerOutputToken, "timePerOutputToken");
  }

  /**
   * {@return the strict SLO of arXiv 2605.28302 for a preset workload: TTFT 50 / 100 / 150 ms for
   * chat / coding / agentic coding, TPOT 15 ms; for other workloads 150 ms and 15 ms}
   *
   * @param workload the workload
   */
  public static SloSpec strict(WorkloadSpec workload) {
    double ttftMillis =
        switch (workload.id()) {
          case "chat" -> 50;
          case "coding" -> 100;
          default -> 150;
        };
    return new SloSpec(TimeSpan.ofMillis(ttftMillis), TimeSpan.ofMillis(15));
  }

  /** {@return an SLO that every plan meets} */
  public static SloSpec unbounded() {
    return new SloSpec(TimeSpan.ofSeconds(1e9), TimeSpan.ofSeconds(1e9));
  }
}

package dev.afd.simulate;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.report.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console and JSON output of {@code afd explore --refine}, from {@link Refinement.Ranked} rows
 * (what a refined candidate shows), so a run that simulated elsewhere — on Spark executors — prints
 * the same.
 */
public final class RefineReport {
  private RefineReport() {}

  /**
   * {@return the refined candidates as text, one table per scenario}
   *
   * @param refined per scenario and strategy, the ranked rows best first
   * @param percentile the percent of requests that must meet the SLO
   * @param requests requests per simulation
   */
  public static String console(
      Map<Scenario, Map<String, List<Refinement.Ranked>>> refined,
      double percentile,
      long requests) {
    StringBuilder text = new StringBuilder();
    refined.forEach(
        (scenario, byStrategy) -> {
          SloSpec slo = scenario.slo();
          text.append(
              format(
                  "%nRefined by simulation: %s on %s, workload %s (closed loop at each candidate's"
                      + " concurrency, %d requests, seed 1); goodput counts where >= %s %% of"
                      + " requests meet TTFT <= %.0f ms and TPOT <= %.1f ms%n",
                  scenario.model().id(),
                  scenario.hardware(),
                  scenario.workload().id(),
                  requests,
                  Csv.number(percentile),
                  slo.timeToFirstToken().seconds() * 1e3,
                  slo.timePerOutputToken().seconds() * 1e3));
          text.append(
              format(
                  "%-9s %4s %12s %12s %8s %10s %10s %12s  %s%n",
                  "STRATEGY",
                  "RANK",
                  "FORM t/s/GPU",
                  "SIM t/s/GPU",
                  "MEET %",
                  "P90 TTFT",
                  "P90 TPOT",
                  "GOODPUT",
                  "CONFIG"));
          byStrategy.forEach(
              (strategy, rows) -> {
                if (rows.isEmpty()) {
                  text.append(format("%-9s %4s  no candidate meets the SLO%n", strategy, "-"));
                }
                int rank = 1;
                for (Refinement.Ranked row : rows) {
                  ServingResult form = row.closedForm();
                  Refinement.Figures simulated = row.simulated();
                  String config = Csv.pairs(form.knobs()).replace(';', ' ');
                  if (simulated == null) {
                    text.append(
                        format(
                            "%-9s %4d %12.1f %12s %8s %10s %10s %12s  %s (%s)%n",
                            strategy,
                            rank++,
                            form.tokensPerSecondPerDevice(),
                            "-",
                            "-",
                            "-",
                            "-",
                            "-",
                            config,
                            row.reason()));
                    continue;
                  }
                  text.append(
                      format(
                          "%-9s %4d %12.1f %12.1f %8.1f %7.1f ms %7.2f ms %12.1f  %s%n",
                          strategy,
                          rank++,
                          form.tokensPerSecondPerDevice(),
                          simulated.tokensPerSecondPerDevice(),
                          100 * simulated.meetingSlo(),
                          simulated.ttftP90Seconds() * 1e3,
                          simulated.tpotP90Seconds() * 1e3,
                          row.goodputPerDevice(),
                          config));
                }
              });
        });
    return text.toString();
  }

  /**
   * {@return the refined candidates as JSON-ready lists, in a fixed order}
   *
   * @param refined per scenario and strategy, the ranked rows best first
   * @param percentile the percent of requests that must meet the SLO
   */
  public static List<Object> json(
      Map<Scenario, Map<String, List<Refinement.Ranked>>> refined, double percentile) {
    List<Object> scenarios = new ArrayList<>();
    refined.forEach(
        (scenario, byStrategy) -> {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("model", scenario.model().id());
          one.put("hardware", scenario.hardware());
          one.put("workload", scenario.workload().id());
          one.put("sloPercentile", percentile);
          Map<String, Object> strategies = new LinkedHashMap<>();
          byStrategy.forEach(
              (strategy, rows) -> {
                List<Object> ranked = new ArrayList<>();
                for (Refinement.Ranked row : rows) {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("knobs", row.closedForm().knobs());
                  entry.put(
                      "closedFormTokensPerSecondPerGpu",
                      row.closedForm().tokensPerSecondPerDevice());
                  Refinement.Figures simulated = row.simulated();
                  if (simulated == null) {
                    entry.put("notSimulated", row.reason());
                  } else {
                    entry.put(
                        "simulatedTokensPerSecondPerGpu", simulated.tokensPerSecondPerDevice());
                    entry.put("meetingSlo", simulated.meetingSlo());
                    entry.put("ttftP90Seconds", simulated.ttftP90Seconds());
                    entry.put("tpotP90Seconds", simulated.tpotP90Seconds());
                    entry.put("goodputTokensPerSecondPerGpu", row.goodputPerDevice());
                  }
                  ranked.add(entry);
                }
                strategies.put(strategy, ranked);
              });
          one.put("strategies", strategies);
          scenarios.add(one);
        });
    return scenarios;
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}

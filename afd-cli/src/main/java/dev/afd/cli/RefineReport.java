package dev.afd.cli;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.report.Csv;
import dev.afd.simulate.Refinement;
import dev.afd.simulate.SimulationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console and JSON output of {@code afd explore --refine}. */
final class RefineReport {
  private RefineReport() {}

  /** {@return the refined candidates as text, one table per scenario} */
  static String console(
      Map<Scenario, Map<String, List<Refinement.Refined>>> refined,
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
                for (Refinement.Refined row : rows) {
                  ServingResult form = row.closedForm();
                  SimulationResult simulated = row.simulated();
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
                          100 * simulated.goodput(),
                          simulated.timeToFirstToken().p90() * 1e3,
                          simulated.timePerOutputToken().p90() * 1e3,
                          row.goodputPerDevice(),
                          config));
                }
              });
        });
    return text.toString();
  }

  /** {@return the refined candidates as JSON-ready lists, in a fixed order} */
  static List<Object> json(
      Map<Scenario, Map<String, List<Refinement.Refined>>> refined, double percentile) {
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
                for (Refinement.Refined row : rows) {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("knobs", row.closedForm().knobs());
                  entry.put(
                      "closedFormTokensPerSecondPerGpu",
                      row.closedForm().tokensPerSecondPerDevice());
                  SimulationResult simulated = row.simulated();
                  if (simulated == null) {
                    entry.put("notSimulated", row.reason());
                  } else {
                    entry.put(
                        "simulatedTokensPerSecondPerGpu", simulated.tokensPerSecondPerDevice());
                    entry.put("meetingSlo", simulated.goodput());
                    entry.put("ttftP90Seconds", simulated.timeToFirstToken().p90());
                    entry.put("tpotP90Seconds", simulated.timePerOutputToken().p90());
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

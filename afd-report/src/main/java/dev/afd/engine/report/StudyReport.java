package dev.afd.engine.report;

import dev.afd.api.Fidelity;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StudyResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON structure and the console table of an explore run. */
public final class StudyReport {
  private StudyReport() {}

  /**
   * {@return the study as ordered maps: per scenario, per strategy the best tokens/s/GPU under the
   * SLO (or the closest candidate and why none), the best system tokens/s and the frontier}
   */
  public static Map<String, Object> json(StudyResult study) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("study", study.study().name());
    root.put("candidates", study.candidates());
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (ScenarioResult scenario : study.scenarios()) {
      scenarios.add(scenario(scenario));
    }
    root.put("scenarios", scenarios);
    return root;
  }

  /** {@return one scenario as ordered maps} */
  public static Map<String, Object> scenario(ScenarioResult result) {
    Scenario scenario = result.scenario();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", scenario.model().id());
    fields.put("system", scenario.cluster().id());
    fields.put("gpuBudget", scenario.deviceBudget());
    Map<String, Object> workload = new LinkedHashMap<>();
    workload.put("id", scenario.workload().id());
    workload.put("prefixTokens", scenario.workload().prefixTokens());
    workload.put("inputTokens", scenario.workload().inputTokens());
    workload.put("outputTokens", scenario.workload().outputTokens());
    fields.put("workload", workload);
    Map<String, Object> slo = new LinkedHashMap<>();
    slo.put("ttftSeconds", scenario.slo().timeToFirstToken().seconds());
    slo.put("tpotSeconds", scenario.slo().timePerOutputToken().seconds());
    fields.put("slo", slo);
    fields.put(
        "recommendation", result.recommendation().map(StrategyOutcome::strategyId).orElse(null));
    fields.put("candidates", result.candidates());
    List<Map<String, Object>> strategies = new ArrayList<>();
    for (StrategyOutcome outcome : result.outcomes()) {
      strategies.add(outcome(outcome));
    }
    fields.put("strategies", strategies);
    return fields;
  }

  private static Map<String, Object> outcome(StrategyOutcome outcome) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Optional<ServingResult> best = outcome.bestPerDevice();
    if (best.isPresent()) {
      fields.putAll(ResultFields.of(best.get()));
    } else {
      Map<String, Object> closest =
          outcome.closest().map(ResultFields::of).orElseGet(LinkedHashMap::new);
      fields.putAll(closest);
      fields.put("strategy", outcome.strategyId());
      fields.put("feasible", false);
      fields.put("reason", outcome.whyNone());
    }
    fields.put("candidates", outcome.candidates());
    fields.put("feasibleCandidates", outcome.feasible());
    fields.put("candidatesMeetingSlo", outcome.meetingSlo());
    fields.put("bestSystemThroughput", outcome.bestSystem().map(ResultFields::of).orElse(null));
    List<Map<String, Object>> frontier = new ArrayList<>();
    for (ServingResult point : outcome.frontier()) {
      Map<String, Object> fieldsOfPoint = new LinkedHashMap<>();
      fieldsOfPoint.put("tokensPerSecondPerUser", point.tokensPerSecondPerUser());
      fieldsOfPoint.put("tokensPerSecondPerGpu", point.tokensPerSecondPerDevice());
      fieldsOfPoint.put("ttftSeconds", point.timeToFirstToken().seconds());
      fieldsOfPoint.put("tpotSeconds", point.timePerOutputToken().seconds());
      fieldsOfPoint.put("gpus", point.devices());
      fieldsOfPoint.put("config", point.knobs());
      frontier.add(fieldsOfPoint);
    }
    fields.put("frontier", frontier);
    return fields;
  }

  /**
   * {@return the fidelity mix of the results the console table shows (each strategy's best
   * tokens/s/GPU under the SLO, in every scenario), the unweighted mean of their {@link
   * ServingResult#fidelityMix()}s; every fidelity present, in enum order; empty when none is shown}
   */
  public static Map<Fidelity, Double> shownFidelityMix(StudyResult study) {
    Map<Fidelity, Double> sums = new EnumMap<>(Fidelity.class);
    int shown = 0;
    for (ScenarioResult result : study.scenarios()) {
      for (StrategyOutcome outcome : result.outcomes()) {
        Optional<ServingResult> best = outcome.bestPerDevice();
        if (best.isPresent() && !best.get().fidelityMix().isEmpty()) {
          shown++;
          best.get()
              .fidelityMix()
              .forEach((fidelity, share) -> sums.merge(fidelity, share, Double::sum));
        }
      }
    }
    Map<Fidelity, Double> mix = new EnumMap<>(Fidelity.class);
    if (shown == 0) {
      return mix;
    }
    for (Fidelity fidelity : Fidelity.values()) {
      mix.put(fidelity, sums.getOrDefault(fidelity, 0.0) / shown);
    }
    return mix;
  }

  /**
   * {@return {@link #shownFidelityMix} as text, for example {@code 87 % measured, 9 % interpolated,
   * 0 % extrapolated, 4 % roofline}, or {@code no result shown}}
   */
  public static String fidelitySummary(StudyResult study) {
    Map<Fidelity, Double> mix = shownFidelityMix(study);
    if (mix.isEmpty()) {
      return "no result shown";
    }
    List<String> parts = new ArrayList<>();
    mix.forEach(
        (fidelity, share) ->
            parts.add(
                String.format(
                    Locale.ROOT,
                    "%.0f %% %s",
                    share * 100,
                    fidelity.name().toLowerCase(Locale.ROOT))));
    return String.join(", ", parts);
  }

  /** {@return the console report} */
  public static String console(StudyResult study) {
    StringBuilder text = new StringBuilder();
    for (ScenarioResult result : study.scenarios()) {
      Scenario scenario = result.scenario();
      text.append(
          String.format(
              Locale.ROOT,
              "%s on %s, workload %s (prefix %d, isl %d, osl %d), SLO TTFT ≤ %s, TPOT ≤ %s%n",
              scenario.model().id(),
              scenario.hardware(),
              scenario.workload().id(),
              scenario.workload().prefixTokens(),
              scenario.workload().inputTokens(),
              scenario.workload().outputTokens(),
              scenario.slo().timeToFirstToken(),
              scenario.slo().timePerOutputToken()));
      TextTable table =
          new TextTable(
              "STRATEGY",
              "MEETS SLO",
              "TOK/S/GPU",
              "TOK/S/USER",
              "TTFT ms",
              "TPOT ms",
              "GPUS",
              "CONFIG");
      List<String> notes = new ArrayList<>();
      for (StrategyOutcome outcome : result.outcomes()) {
        if (outcome.bestPerDevice().isPresent()) {
          ServingResult best = outcome.bestPerDevice().get();
          table.row(
              outcome.strategyId(),
              "yes",
              number(best.tokensPerSecondPerDevice(), 1),
              number(best.tokensPerSecondPerUser(), 1),
              number(best.timeToFirstToken().toMillis(), 1),
              number(best.timePerOutputToken().toMillis(), 2),
              String.valueOf(best.devices()),
              ResultFields.compactConfig(best));
        } else {
          table.row(outcome.strategyId(), "no", "-", "-", "-", "-", "-", "-");
          notes.add(outcome.strategyId() + ": " + outcome.whyNone());
        }
      }
      text.append(table.render());
      for (String note : notes) {
        text.append("  ").append(note).append('\n');
      }
      text.append(
          result
              .recommendation()
              .map(
                  outcome ->
                      String.format(
                          Locale.ROOT,
                          "Recommendation: %s at %.1f tokens/s/GPU (%d candidates searched)%n",
                          outcome.strategyId(),
                          outcome.bestPerDevice().get().tokensPerSecondPerDevice(),
                          result.candidates()))
              .orElse(
                  String.format(
                      Locale.ROOT,
                      "Recommendation: none meets the SLO (%d candidates searched)%n",
                      result.candidates())));
      text.append('\n');
    }
    return text.toString();
  }

  static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}

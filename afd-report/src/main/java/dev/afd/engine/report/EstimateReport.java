package dev.afd.engine.report;

import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.estimate.Estimator;
import dev.afd.engine.estimate.OperatorRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console table and JSON of {@code afd estimate}. */
public final class EstimateReport {
  private EstimateReport() {}

  /** {@return the estimate as ordered maps: explore's top-level fields plus the breakdown} */
  public static Map<String, Object> json(Estimator.Estimate estimate) {
    Map<String, Object> fields = new LinkedHashMap<>(ResultFields.of(estimate.result()));
    fields.put("model", estimate.scenario().model().id());
    fields.put("system", estimate.scenario().cluster().id());
    fields.put("workload", estimate.scenario().workload().id());
    List<Map<String, Object>> operators = new ArrayList<>();
    for (OperatorRow row : estimate.operators()) {
      Map<String, Object> operator = new LinkedHashMap<>();
      operator.put("step", row.step());
      operator.put("side", row.side());
      operator.put("layerGroup", row.layerGroup());
      operator.put("layers", row.layers());
      operator.put("block", row.block());
      operator.put("group", row.group());
      operator.put("operator", row.operator());
      operator.put("flopsPerLayer", row.flops());
      operator.put("bytesPerLayer", row.bytes());
      operator.put("secondsPerLayer", row.seconds());
      operator.put("totalSeconds", row.totalSeconds());
      operator.put("fidelity", row.fidelity());
      operator.put("source", row.source());
      operators.add(operator);
    }
    fields.put("operators", operators);
    return fields;
  }

  /** {@return the console report} */
  public static String console(Estimator.Estimate estimate) {
    ServingResult result = estimate.result();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%s on %s, workload %s, strategy %s: %s%n",
            estimate.scenario().model().id(),
            estimate.scenario().cluster().systems().size() == 1
                ? estimate.scenario().cluster().primary().id()
                : estimate.scenario().hardware(),
            estimate.scenario().workload().id(),
            result.strategy(),
            result.feasible() ? "feasible" : "infeasible: " + result.reason()));
    text.append("config: ").append(ResultFields.compactConfig(result)).append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "TTFT %.2f ms, TPOT %.3f ms, request latency %.1f ms, KV transfer %.3f ms%n"
                + "%.1f tokens/s, %.2f tokens/s/GPU, %.1f tokens/s/user, concurrency %.0f, %d GPUs"
                + " %s%n",
            result.timeToFirstToken().toMillis(),
            result.timePerOutputToken().toMillis(),
            result.requestLatency().toMillis(),
            result.kvTransfer().toMillis(),
            result.tokensPerSecond(),
            result.tokensPerSecondPerDevice(),
            result.tokensPerSecondPerUser(),
            result.concurrency(),
            result.devices(),
            result.devicesByRole()));
    text.append("stages of one decode step:");
    for (Map.Entry<String, TimeSpan> stage : result.stageTimes().entrySet()) {
      text.append(
          String.format(Locale.ROOT, " %s %.3f ms", stage.getKey(), stage.getValue().toMillis()));
    }
    text.append('\n');
    TextTable memory =
        new TextTable(
            "GROUP",
            "WEIGHTS GiB",
            "KV GiB",
            "ACTIVATIONS GiB",
            "RESERVE GiB",
            "TOTAL GiB",
            "CAPACITY GiB");
    for (MemoryUsage usage : result.memory()) {
      memory.row(
          usage.group(),
          gib(usage.weights().toGibibytes()),
          gib(usage.kvCache().toGibibytes()),
          gib(usage.activations().toGibibytes()),
          gib(usage.reserve().toGibibytes()),
          gib(usage.total().toGibibytes()),
          gib(usage.capacity().toGibibytes()));
    }
    text.append(memory.render());
    TextTable operators =
        new TextTable(
            "STEP",
            "SIDE",
            "LAYERS",
            "BLOCK",
            "OPERATOR",
            "GFLOP",
            "MB",
            "us/LAYER",
            "TOTAL us",
            "FIDELITY");
    for (OperatorRow row : estimate.operators()) {
      operators.row(
          row.step(),
          row.side(),
          row.layerGroup() + "×" + row.layers(),
          row.block(),
          row.operator(),
          String.format(Locale.ROOT, "%.3f", row.flops() / 1e9),
          String.format(Locale.ROOT, "%.3f", row.bytes() / 1e6),
          String.format(Locale.ROOT, "%.2f", row.seconds() * 1e6),
          String.format(Locale.ROOT, "%.1f", row.totalSeconds() * 1e6),
          row.fidelity());
    }
    text.append(operators.render());
    return text.toString();
  }

  private static String gib(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}

package dev.afd.engine.report;

import dev.afd.api.Fidelity;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.explore.ParetoFrontier;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny hand-built study for report tests: a two-block MoE model on 16 GPUs of a made-up
 * accelerator, two workloads, two strategies. Every number is chosen by hand, not computed, so the
 * golden files change only when the report format does. Text fields carry characters that need
 * escaping or quoting ({@code < & " ,}).
 */
final class TestingStudies {
  static final int GPUS = 16;
  static final WorkloadSpec LONG_DOCUMENT = new WorkloadSpec("long-document", 0, 32000, 512);

  private TestingStudies() {}

  static MoeModelSpec model() {
    GqaAttentionBlock attention =
        new GqaAttentionBlock(
            1024,
            16,
            4,
            64,
            0,
            false,
            false,
            false,
            Precision.BF16,
            Precision.BF16,
            Precision.BF16);
    MoeFfnBlock ffn =
        new MoeFfnBlock(
            1024,
            32,
            4,
            512,
            1,
            512,
            true,
            0,
            false,
            Precision.FP8,
            Precision.BF16,
            Precision.BF16,
            Precision.FP8);
    return new MoeModelSpec(
        "tiny-moe",
        "Tiny MoE",
        "hand-built for report tests",
        1024,
        32768,
        Precision.BF16,
        List.of(),
        List.of(new LayerGroup("moe", 4, List.of(attention, ffn))),
        List.of());
  }

  static SystemSpec system() {
    AcceleratorSpec accelerator =
        AcceleratorSpec.builder("tiny-gpu")
            .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(100))
            .memoryCapacityPerDevice(DataSize.ofGigabytes(80))
            .memoryBandwidth(ByteRate.ofGigabytesPerSecond(2000))
            .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(200))
            .scaleOutBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(50))
            .build();
    return new SystemSpec(
        "tiny-nvl4",
        "4 tiny GPUs per switch",
        accelerator,
        List.of(
            new NetworkDimension(
                "nvlink",
                DimensionKind.SWITCH,
                4,
                ByteRate.ofGigabytesPerSecond(200),
                TimeSpan.ofMicros(1)),
            new NetworkDimension(
                "infiniband",
                DimensionKind.SWITCH,
                4,
                ByteRate.ofGigabytesPerSecond(50),
                TimeSpan.ofMicros(5))));
  }

  static Scenario chat() {
    return new Scenario(
        model(),
        ClusterSpec.of(system()),
        GPUS,
        WorkloadSpec.CHAT,
        SloSpec.strict(WorkloadSpec.CHAT));
  }

  static Scenario longDocument() {
    return new Scenario(
        model(),
        ClusterSpec.of(system()),
        GPUS,
        LONG_DOCUMENT,
        new SloSpec(TimeSpan.ofMillis(150), TimeSpan.ofMillis(15)));
  }

  /** {@return every candidate of a scenario, in enumeration order} */
  static List<ServingResult> evaluated(Scenario scenario) {
    List<ServingResult> results = new ArrayList<>();
    boolean chat = scenario.workload().id().equals("chat");
    // agg: tensor/expert parallel, batch sweeps; in the long-document workload nothing meets TPOT.
    double aggTpotScale = chat ? 1 : 1.95;
    results.add(agg(8, 8, 256, 30, 40 * aggTpotScale, 900));
    results.add(agg(8, 8, 128, 28, 20 * aggTpotScale, 600));
    results.add(agg(8, 8, 64, 25, 12.5 * aggTpotScale, 350));
    results.add(agg(8, 8, 32, 22, 8 * aggTpotScale, 120));
    results.add(agg(16, 16, 64, 24, 12 * aggTpotScale, 250));
    results.add(
        ServingResult.builder("agg")
            .knobs(knobs("tp", "4", "ep", "4", "batch", "512"))
            .infeasible("group \"all\" needs 91.2 GB > 80.0 GB per GPU, weights & KV <too big>")
            .devices(4, Map.of("all", 4))
            .build());
    // pd-afd: attention and FFN disaggregated.
    results.add(afd(2, 6, 256, 40, 30, 1400));
    results.add(afd(2, 6, 128, 45, 14, 800));
    results.add(afd(4, 12, 64, 38, 10, 500));
    results.add(afd(4, 12, 32, 35, 6, 150));
    results.add(afd(4, 12, 16, 35, 7, 100));
    return results;
  }

  static StudyResult study() {
    List<ScenarioResult> scenarios = new ArrayList<>();
    for (Scenario scenario : List.of(chat(), longDocument())) {
      List<StrategyOutcome> outcomes = new ArrayList<>();
      for (String strategy : List.of("agg", "pd-afd")) {
        outcomes.add(
            outcome(
                strategy,
                scenario,
                evaluated(scenario).stream()
                    .filter(result -> result.strategy().equals(strategy))
                    .toList()));
      }
      scenarios.add(new ScenarioResult(scenario, outcomes));
    }
    StudySpec spec =
        new StudySpec(
            "tiny & <small>",
            List.of("tiny-moe"),
            List.of(new StudySpec.SystemBudget("tiny-nvl4", GPUS)),
            List.of(
                new StudySpec.WorkloadSlo(chat().workload(), chat().slo()),
                new StudySpec.WorkloadSlo(longDocument().workload(), longDocument().slo())),
            List.of(StrategyRun.of("agg"), StrategyRun.of("pd-afd")),
            "analytical");
    return new StudyResult(spec, scenarios, 0.25);
  }

  /** A small stand-in for the explorer's accumulator: first wins ties. */
  private static StrategyOutcome outcome(
      String strategy, Scenario scenario, List<ServingResult> results) {
    ParetoFrontier frontier = new ParetoFrontier();
    ServingResult best = null;
    ServingResult bestSystem = null;
    ServingResult closest = null;
    long feasible = 0;
    long meeting = 0;
    for (ServingResult result : results) {
      if (!result.feasible()) {
        continue;
      }
      feasible++;
      frontier.offer(result);
      if (result.meets(scenario.slo())) {
        meeting++;
        if (best == null || result.tokensPerSecondPerDevice() > best.tokensPerSecondPerDevice()) {
          best = result;
        }
        if (bestSystem == null || result.tokensPerSecond() > bestSystem.tokensPerSecond()) {
          bestSystem = result;
        }
      } else if (closest == null
          || result.timePerOutputToken().seconds() < closest.timePerOutputToken().seconds()) {
        closest = result;
      }
    }
    String whyNone =
        best == null
            ? String.format(
                java.util.Locale.ROOT,
                "closest candidate misses TPOT %.2f ms > 15.00 ms by %.2f ms",
                closest.timePerOutputToken().toMillis(),
                closest.timePerOutputToken().toMillis() - 15)
            : "";
    return new StrategyOutcome(
        strategy,
        results.size(),
        feasible,
        meeting,
        Optional.ofNullable(best),
        Optional.ofNullable(bestSystem),
        frontier.points(),
        best == null ? Optional.ofNullable(closest) : Optional.empty(),
        whyNone);
  }

  private static ServingResult agg(
      int tp, int gpus, int batch, double ttftMillis, double tpotMillis, double perGpu) {
    return ServingResult.builder("agg")
        .knobs(knobs("tp", Integer.toString(tp), "ep", Integer.toString(tp), "batch", "" + batch))
        .latencies(
            TimeSpan.ofMillis(ttftMillis),
            TimeSpan.ofMillis(tpotMillis),
            TimeSpan.ofMillis(ttftMillis + tpotMillis * 255))
        .throughput(perGpu * gpus, batch)
        .devices(gpus, Map.of("all", gpus))
        .memory(List.of(memory("all", 40e9 * 8 / gpus, 25e9 * batch / 256, 2e9, 5e9)))
        .stageTimes(
            stages(
                "attention", tpotMillis * 0.40,
                "ffn", tpotMillis * 0.45,
                "communication", tpotMillis * 0.15))
        .fidelityMix(Map.of(Fidelity.INTERPOLATED, 0.75, Fidelity.ROOFLINE, 0.25))
        .models("tiny-kernels", "analytical")
        .build();
  }

  private static ServingResult afd(
      int attention, int ffn, int batch, double ttftMillis, double tpotMillis, double perGpu) {
    int gpus = attention + ffn;
    Map<String, Integer> roles = new LinkedHashMap<>();
    roles.put("prefill", 2);
    roles.put("attention", attention);
    roles.put("ffn", ffn);
    return ServingResult.builder("pd-afd")
        .knobs(
            knobs(
                "attention",
                "" + attention,
                "ffn",
                "" + ffn,
                "batch",
                "" + batch,
                "label",
                "a,b \"quoted\""))
        .latencies(
            TimeSpan.ofMillis(ttftMillis),
            TimeSpan.ofMillis(tpotMillis),
            TimeSpan.ofMillis(ttftMillis + tpotMillis * 255))
        .throughput(perGpu * (gpus + 2), batch * 2)
        .devices(gpus + 2, roles)
        .memory(
            List.of(
                memory("prefill", 30e9, 10e9, 4e9, 5e9),
                memory("attention", 6e9, 50e9 * batch / 256, 1e9, 5e9),
                memory("ffn", 45e9 * 6 / ffn, 0, 1e9, 5e9)))
        .stageTimes(
            stages(
                "attention", tpotMillis * 0.35,
                "a2f", tpotMillis * 0.08,
                "ffn", tpotMillis * 0.37,
                "f2a", tpotMillis * 0.08,
                "bubble", tpotMillis * 0.12))
        .kvTransfer(TimeSpan.ofMillis(2))
        .fidelityMix(Map.of(Fidelity.MEASURED, 0.5, Fidelity.ROOFLINE, 0.5))
        .models("tiny-kernels", "analytical")
        .build();
  }

  private static MemoryUsage memory(
      String group,
      double weightBytes,
      double kvBytes,
      double activationBytes,
      double reserveBytes) {
    return new MemoryUsage(
        group,
        DataSize.ofBytes((long) weightBytes),
        DataSize.ofBytes((long) kvBytes),
        DataSize.ofBytes((long) activationBytes),
        DataSize.ofBytes((long) reserveBytes),
        DataSize.ofGigabytes(80));
  }

  private static Map<String, String> knobs(String... pairs) {
    Map<String, String> knobs = new LinkedHashMap<>();
    for (int index = 0; index < pairs.length; index += 2) {
      knobs.put(pairs[index], pairs[index + 1]);
    }
    return knobs;
  }

  private static Map<String, TimeSpan> stages(Object... pairs) {
    Map<String, TimeSpan> stages = new LinkedHashMap<>();
    for (int index = 0; index < pairs.length; index += 2) {
      stages.put((String) pairs[index], TimeSpan.ofMillis((Double) pairs[index + 1]));
    }
    return stages;
  }
}

package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.estimate.EstimateReport;
import dev.afd.engine.estimate.Estimator;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd estimate}: one fully specified configuration with its full breakdown. */
@Command(
    name = "estimate",
    description =
        "Evaluate one fully specified configuration: latencies, throughput, memory per GPU group,"
            + " and every operator's FLOPs, bytes, time and fidelity.")
final class EstimateCommand implements Callable<Integer> {
  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Mixin ExploreOptions common;

  @Option(names = "--model", paramLabel = "ID", required = true, description = "Model id.")
  String model;

  @Option(names = "--system", paramLabel = "ID", description = "System id.")
  String system;

  @Option(
      names = "--cluster",
      paramLabel = "ID",
      description =
          "Cluster id from a --hardware-file (several systems, for example GPUs for attention and"
              + " NPUs for the FFN); instead of --system.")
  String cluster;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      description = "GPU budget (default: every device of the --system or --cluster).")
  Integer gpus;

  @Option(
      names = "--strategy",
      paramLabel = "ID",
      required = true,
      description = "Strategy, for example agg; fix its knobs with --set STRATEGY.KEY=VALUE.")
  String strategy;

  @Option(
      names = "--workload",
      paramLabel = "PRESET",
      defaultValue = "chat",
      description = "Workload preset: chat, coding, agentic-coding.")
  String workload;

  @Option(names = "--prefix", paramLabel = "TOKENS", description = "Reused prefix tokens.")
  Long prefix;

  @Option(names = "--isl", paramLabel = "TOKENS", description = "Input tokens.")
  Long inputTokens;

  @Option(names = "--osl", paramLabel = "TOKENS", description = "Output tokens.")
  Long outputTokens;

  @Option(names = "--ttft", paramLabel = "TIME", description = "TTFT limit (for pool sizing).")
  String ttft;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if ((system == null) == (cluster == null)) {
      throw new AfdConfigurationException(
          system == null
              ? "No system given; use --system ID (see 'afd hardware list') or --cluster ID"
              : "Option --cluster replaces --system; give one of them");
    }
    AfdEngine engine = root.engine();
    ClusterSpec named = cluster == null ? null : engine.cluster(cluster);
    int budget =
        gpus != null
            ? gpus
            : named != null ? named.deviceCount() : engine.system(system).deviceCount();
    if (budget < 1) {
      throw new AfdConfigurationException("Option --gpus must be at least 1, got '" + budget + "'");
    }
    if (named != null) {
      ClusterBudget.check(named, budget);
    }
    ClusterSpec clusterSpec =
        named != null ? named : ClusterSpec.of(engine.system(system).withDeviceCount(budget));
    WorkloadSpec workloadSpec = workload();
    SloSpec slo = SloSpec.strict(workloadSpec);
    if (ttft != null) {
      slo = new SloSpec(TimeSpan.parse(ttft), slo.timePerOutputToken());
    }
    Scenario scenario = new Scenario(engine.model(model), clusterSpec, budget, workloadSpec, slo);
    KernelCostModel costModel = root.kernelCostModel();
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(costModel)
            .recipe(root.servingRecipe())
            .networkModels(common.networkModels())
            .threads(1)
            .build();
    StrategyRun run = common.runs(List.of(strategy)).get(0);
    Estimator.Estimate estimate =
        Estimator.estimate(
            explorer, scenario, run, costModel, common.networkModels().apply(clusterSpec));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(EstimateReport.json(estimate)));
    } else {
      out.println("kernel cost model: " + root.kernelCostModelLabel());
      out.print(EstimateReport.console(estimate));
    }
    return 0;
  }

  private WorkloadSpec workload() {
    if (inputTokens != null || outputTokens != null || prefix != null) {
      if (inputTokens == null || outputTokens == null) {
        throw new AfdConfigurationException(
            "An explicit workload needs both --isl and --osl (and optionally --prefix)");
      }
      return new WorkloadSpec("custom", prefix == null ? 0 : prefix, inputTokens, outputTokens);
    }
    return WorkloadSpec.preset(workload);
  }
}

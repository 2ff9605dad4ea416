package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Scenario;
import picocli.CommandLine.Option;

/**
 * Options naming one configuration's scenario, shared by {@code estimate} and {@code simulate}:
 * model, system or cluster, GPU budget, strategy and workload.
 */
final class ConfigurationOptions {
  /** The {@code --cluster} option's description, which {@code explore} shares. */
  static final String CLUSTER_DESCRIPTION =
      "Cluster id from a --hardware-file (several systems, for example GPUs for attention and"
          + " NPUs for the FFN); instead of --system.";

  @Option(names = "--model", paramLabel = "ID", required = true, description = "Model id.")
  String model;

  @Option(names = "--system", paramLabel = "ID", description = "System id.")
  String system;

  @Option(names = "--cluster", paramLabel = "ID", description = CLUSTER_DESCRIPTION)
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

  /** {@return the scenario these options name} */
  Scenario scenario(AfdEngine engine) {
    if ((system == null) == (cluster == null)) {
      throw new AfdConfigurationException(
          system == null
              ? "No system given; use --system ID (see 'afd hardware list') or --cluster ID"
              : "Option --cluster replaces --system; give one of them");
    }
    ClusterSpec named = cluster == null ? null : engine.cluster(cluster);
    int budget =
        gpus != null
            ? Limits.devices("--gpus", gpus)
            : named != null ? named.deviceCount() : engine.system(system).deviceCount();
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
    return new Scenario(engine.model(model), clusterSpec, budget, workloadSpec, slo);
  }

  private WorkloadSpec workload() {
    if (inputTokens != null || outputTokens != null || prefix != null) {
      if (inputTokens == null || outputTokens == null) {
        throw new AfdConfigurationException(
            "An explicit workload needs both --isl and --osl (and optionally --prefix)");
      }
      return Limits.customWorkload(prefix, inputTokens, outputTokens);
    }
    return WorkloadSpec.preset(workload);
  }
}

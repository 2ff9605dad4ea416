package dev.afd.cli;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.estimate.Estimator;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.EstimateReport;
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

  @Mixin ConfigurationOptions configuration;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    AfdEngine engine = root.engine();
    Scenario scenario = configuration.scenario(engine);
    KernelCostModel costModel = root.kernelCostModel();
    Explorer explorer = common.singleConfiguration(root);
    StrategyRun run = common.runs(List.of(configuration.strategy)).get(0);
    Estimator.Estimate estimate =
        Estimator.estimate(
            explorer, scenario, run, costModel, common.networkModels().apply(scenario.cluster()));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(EstimateReport.json(estimate)));
    } else {
      out.println("kernel cost model: " + root.kernelCostModelLabel());
      out.print(EstimateReport.console(estimate));
    }
    return 0;
  }
}

package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.NetworkModels;
import dev.afd.spi.Conventions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options shared by {@code explore} and {@code estimate}: cost and network models, knobs. */
final class ExploreOptions {
  @Option(
      names = "--network",
      paramLabel = "MODEL",
      description = "Network model: analytical (default) or simulated.")
  String network;

  @Option(
      names = "--set",
      paramLabel = "STRATEGY.KEY=VALUE",
      description =
          "Strategy option, for example --set agg-afd.micro-batches=1,2 or --set pd.batch=64.")
  List<String> settings = new ArrayList<>();

  /** {@return whether --network or --set was given} */
  boolean hasSettings() {
    return network != null || !settings.isEmpty();
  }

  Function<ClusterSpec, NetworkModel> networkModels() {
    return NetworkModels.byId(network == null ? "analytical" : network);
  }

  /**
   * {@return a one-thread explorer over the root's engine, kernel cost model and recipe and these
   * network models, for commands that evaluate one configuration}
   */
  Explorer singleConfiguration(AfdCommand root) {
    return Explorer.builder()
        .engine(root.engine())
        .kernelCostModel(root.kernelCostModel())
        .recipe(root.servingRecipe())
        .conventions(root.conventions(Conventions.defaults()))
        .networkModels(networkModels())
        .threads(1)
        .build();
  }

  /** {@return the runs for these strategies, with the --set options that name them} */
  List<StrategyRun> runs(List<String> strategies) {
    return runs(strategies, List.of());
  }

  /** {@return the runs, starting from a study file's options and overlaying --set} */
  List<StrategyRun> runs(List<String> strategies, List<StrategyRun> base) {
    Map<String, Map<String, String>> byStrategy = new LinkedHashMap<>();
    for (String strategy : strategies) {
      byStrategy.put(strategy, new TreeMap<>());
    }
    for (StrategyRun run : base) {
      if (byStrategy.containsKey(run.strategyId())) {
        byStrategy.get(run.strategyId()).putAll(run.options());
      }
    }
    for (String setting : settings) {
      int dot = setting.indexOf('.');
      int equals = setting.indexOf('=');
      if (dot < 1 || equals < dot + 2) {
        throw new AfdConfigurationException(
            "Option --set '"
                + setting
                + "' must look like STRATEGY.KEY=VALUE, for example agg.tp=8");
      }
      String strategy = setting.substring(0, dot);
      Map<String, String> options = byStrategy.get(strategy);
      if (options == null) {
        throw new AfdConfigurationException(
            "Option --set '"
                + setting
                + "' names strategy '"
                + strategy
                + "', which this run does not include. Strategies in this run: "
                + strategies);
      }
      options.put(setting.substring(dot + 1, equals), setting.substring(equals + 1));
    }
    List<StrategyRun> runs = new ArrayList<>();
    byStrategy.forEach((strategy, options) -> runs.add(new StrategyRun(strategy, options)));
    return runs;
  }
}

package dev.afd.benchmarks;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Candidate evaluations per second of one strategy, as the explorer runs them: DeepSeek-V3 on 128
 * B200 GPUs in NVLink-8 nodes ({@code b200-nvl8}), the chat workload under its strict SLO, the
 * roofline kernel cost model and the analytical network model.
 *
 * <p>The strategy is built through the engine and the explorer; every candidate it enumerates is
 * evaluated once in {@link #setUp} (filling the strategy's memos as a real run does) and then
 * round-robin, one per benchmark invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CandidateEvaluationBenchmark {
  /** The strategy id. */
  @Param({"agg", "agg-afd"})
  public String strategyId;

  private ServingStrategy strategy;
  private Candidate[] candidates;
  private int next;

  /** Builds the strategy through the explorer and enumerates its candidates. */
  @Setup
  public void setUp() {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    ClusterSpec cluster = ClusterSpec.of(engine.system("b200-nvl8").withDeviceCount(128));
    WorkloadSpec workload = WorkloadSpec.CHAT;
    Scenario scenario =
        new Scenario(engine.model("deepseek-v3"), cluster, 128, workload, SloSpec.strict(workload));
    Explorer explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(KernelCostModels.roofline())
            .networkModels(AnalyticalNetworkModel::new)
            .threads(1)
            .build();
    strategy = explorer.strategy(scenario, StrategyRun.of(strategyId));
    List<Candidate> list = new ArrayList<>();
    strategy.enumerate(list::add);
    if (list.isEmpty()) {
      throw new IllegalStateException("strategy '" + strategyId + "' enumerated no candidates");
    }
    candidates = list.toArray(new Candidate[0]);
    for (Candidate candidate : candidates) {
      strategy.evaluate(candidate);
    }
  }

  /** Evaluates the next candidate. */
  @Benchmark
  public Object evaluate() {
    Candidate candidate = candidates[next];
    next = next + 1 == candidates.length ? 0 : next + 1;
    return strategy.evaluate(candidate);
  }
}

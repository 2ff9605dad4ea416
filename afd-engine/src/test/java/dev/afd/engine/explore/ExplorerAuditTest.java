package dev.afd.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdPluginException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.Flow;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.Operator;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The explorer never recommends what a strategy wrongly reports feasible. */
class ExplorerAuditTest {

  /** Reports every layout feasible, the unshardable tp=3 one with the highest throughput. */
  static final class TestingTrustingStrategyProvider implements StrategyProvider {
    @Override
    public String id() {
      return "agg-fixed";
    }

    @Override
    public ServingStrategy create(StrategyContext context) {
      return new ServingStrategy() {
        @Override
        public void enumerate(Consumer<Candidate> sink) {
          sink.accept(new Layout(3, 1000));
          sink.accept(new Layout(4, 10));
        }

        @Override
        public ServingResult evaluate(Candidate candidate) {
          Layout layout = (Layout) candidate;
          return ServingResult.builder("agg-fixed")
              .knobs(layout.knobs())
              .latencies(TimeSpan.ofMillis(10), TimeSpan.ofMillis(10), TimeSpan.ofMillis(100))
              .throughput(layout.tokensPerSecond(), 1)
              .devices(8, Map.of("all", 8))
              .build();
        }
      };
    }
  }

  /** Throws from {@code create}, as a strategy with a broken setup would. */
  static final class TestingThrowingStrategyProvider implements StrategyProvider {
    @Override
    public String id() {
      return "throwing";
    }

    @Override
    public ServingStrategy create(StrategyContext context) {
      throw new IllegalStateException("pricing table missing");
    }
  }

  /**
   * Fails if asked for a time: these strategies report fixed results, and the cost models live in
   * modules the engine must not depend on.
   */
  static final class TestingUnpricedKernelCostModel implements KernelCostModel {
    @Override
    public String id() {
      return "unpriced";
    }

    @Override
    public OperatorTime time(Operator operator, AcceleratorSpec accelerator) {
      throw new IllegalStateException("this test's strategies price no operator");
    }
  }

  /** Fails if asked for a time, as {@link TestingUnpricedKernelCostModel} does. */
  static final class TestingUnpricedNetworkModel implements NetworkModel {
    @Override
    public String id() {
      return "unpriced";
    }

    @Override
    public CommunicationTime collective(
        CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
      throw new IllegalStateException("this test's strategies price no traffic");
    }

    @Override
    public CommunicationTime exchange(
        DeviceGroup senders,
        DeviceGroup receivers,
        double bytesPerSender,
        int destinationsPerSender) {
      throw new IllegalStateException("this test's strategies price no traffic");
    }

    @Override
    public CommunicationTime traffic(List<Flow> flows) {
      throw new IllegalStateException("this test's strategies price no traffic");
    }
  }

  /** {@return a two-thread explorer of an engine that knows only {@code provider}} */
  private static Explorer explorer(StrategyProvider provider) {
    return Explorer.builder()
        .engine(AfdEngine.builder().addStrategyProvider(provider).build())
        .kernelCostModel(new TestingUnpricedKernelCostModel())
        .networkModels(cluster -> new TestingUnpricedNetworkModel())
        .threads(2)
        .build();
  }

  /** {@return the audit model on 8 audit GPUs, chat, an SLO of one second each} */
  private static Scenario scenario() {
    return new Scenario(
        ResultAuditTest.model(),
        ResultAuditTest.cluster(),
        8,
        WorkloadSpec.CHAT,
        new SloSpec(TimeSpan.ofSeconds(1), TimeSpan.ofSeconds(1)));
  }

  @Test
  void namesTheStrategyAndItsClassWhenCreateThrows() {
    Explorer explorer = explorer(new TestingThrowingStrategyProvider());
    Scenario scenario = scenario();

    assertThatThrownBy(
            () -> explorer.explore(scenario, List.of(StrategyRun.of("throwing")), result -> {}))
        .isInstanceOf(AfdPluginException.class)
        .hasMessageStartingWith(
            "Strategy 'throwing' (dev.afd.engine.explore.ExplorerAuditTest$TestingThrowingStrategyProvider"
                + " (test-classes)) failed in create(): java.lang.IllegalStateException: pricing"
                + " table missing (at dev.afd.engine.explore.ExplorerAuditTest$TestingThrowingStrategyProvider.create(ExplorerAuditTest.java:");
  }

  record Layout(int tensorParallel, double tokensPerSecond) implements Candidate {
    @Override
    public int devices() {
      return 8;
    }

    @Override
    public Map<String, String> knobs() {
      return Map.of("tp", Integer.toString(tensorParallel));
    }
  }

  @Test
  void recommendsOnlyALayoutTheModelCanShard() {
    Explorer explorer = explorer(new TestingTrustingStrategyProvider());
    Scenario scenario = scenario();
    List<ServingResult> every = new ArrayList<>();

    StrategyOutcome outcome =
        explorer
            .explore(scenario, List.of(StrategyRun.of("agg-fixed")), every::add)
            .outcomes()
            .get(0);

    assertThat(outcome.candidates()).isEqualTo(2);
    assertThat(outcome.feasible()).isEqualTo(1);
    assertThat(outcome.bestPerDevice().orElseThrow().knobs()).containsEntry("tp", "4");
    assertThat(every.get(0).reason())
        .isEqualTo(
            "strategy 'agg-fixed' reported this result feasible, but model 'audit-moe' cannot be"
                + " sharded as tp=3: 32 attention heads are not divisible by attention TP 3");
  }
}

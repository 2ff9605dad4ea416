package dev.afd.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Slices of a strategy's enumeration, evaluated apart and added in order, give its outcome. */
class ExplorerRangeTest {

  /**
   * Ten fixed candidates on 8 GPUs, TTFT 10 ms each: per position the TPOT in ms and system
   * tokens/s, or 0 for an infeasible one. Per GPU, tokens/s is a eighth; per user, 1000 / TPOT.
   */
  private static final double[][] TABLE = {
    {0, 0}, // 0: infeasible
    {100, 800}, // 1: (user 10, 100/GPU), misses a 50 ms TPOT by 2.0x
    {40, 800}, // 2: (25, 100), meets; dominated by 7
    {20, 400}, // 3: (50, 50), meets; on the frontier
    {40, 800}, // 4: equal to 2, so 2 stays first
    {80, 1600}, // 5: (12.5, 200), misses by 1.6x; on the frontier
    {0, 0}, // 6: infeasible
    {25, 1200}, // 7: (40, 150), meets; the best per GPU and system; on the frontier
    {60, 400}, // 8: (16.7, 50), misses by 1.2x; dominated by 7
    {20, 400}, // 9: equal to 3, so 3 stays
  };

  /** Enumerates {@link #TABLE} in order. */
  static final class TestingTableStrategyProvider implements StrategyProvider {
    @Override
    public String id() {
      return "table";
    }

    @Override
    public ServingStrategy create(StrategyContext context) {
      return new ServingStrategy() {
        @Override
        public void enumerate(Consumer<Candidate> sink) {
          for (int index = 0; index < TABLE.length; index++) {
            sink.accept(new Row(index));
          }
        }

        @Override
        public ServingResult evaluate(Candidate candidate) {
          int index = ((Row) candidate).index();
          ServingResult.Builder result = ServingResult.builder("table").knobs(candidate.knobs());
          if (TABLE[index][0] == 0) {
            return result.infeasible("row " + index + " does not fit").build();
          }
          return result
              .latencies(
                  TimeSpan.ofMillis(10),
                  TimeSpan.ofMillis(TABLE[index][0]),
                  TimeSpan.ofMillis(1000))
              .throughput(TABLE[index][1], 1)
              .devices(8, Map.of("all", 8))
              .build();
        }
      };
    }
  }

  /** Enumerates {@link #TABLE} like the table strategy, but wraps whatever its sink throws. */
  static final class TestingWrappingStrategyProvider implements StrategyProvider {
    @Override
    public String id() {
      return "wrapping";
    }

    @Override
    public ServingStrategy create(StrategyContext context) {
      ServingStrategy table = new TestingTableStrategyProvider().create(context);
      return new ServingStrategy() {
        @Override
        public void enumerate(Consumer<Candidate> sink) {
          try {
            table.enumerate(sink);
          } catch (RuntimeException e) {
            throw new IllegalStateException("enumeration stopped", e);
          }
        }

        @Override
        public ServingResult evaluate(Candidate candidate) {
          return table.evaluate(candidate);
        }
      };
    }
  }

  record Row(int index) implements Candidate {
    @Override
    public int devices() {
      return 8;
    }

    @Override
    public Map<String, String> knobs() {
      return Map.of("tp", "4", "row", Integer.toString(index));
    }
  }

  private static Explorer explorer() {
    return Explorer.builder()
        .engine(AfdEngine.builder().addStrategyProvider(new TestingTableStrategyProvider()).build())
        .kernelCostModel(new ExplorerAuditTest.TestingUnpricedKernelCostModel())
        .networkModels(cluster -> new ExplorerAuditTest.TestingUnpricedNetworkModel())
        .threads(2)
        .build();
  }

  private static Scenario scenario(double tpotMillis) {
    return new Scenario(
        ResultAuditTest.model(),
        ResultAuditTest.cluster(),
        8,
        WorkloadSpec.CHAT,
        new SloSpec(TimeSpan.ofSeconds(1), TimeSpan.ofMillis(tpotMillis)));
  }

  private static final StrategyRun RUN = StrategyRun.of("table");

  private static String row(ServingResult result) {
    return result.knobs().get("row");
  }

  @Test
  void countsTheEnumerationWithoutEvaluating() {
    assertThat(explorer().candidateCount(scenario(50), RUN)).isEqualTo(10);
  }

  @Test
  void aSliceEvaluatesOnlyItsPositions() {
    List<ServingResult> rows = new ArrayList<>();

    OutcomeAccumulator.Partial partial =
        explorer().exploreRange(scenario(50), RUN, 2, 5, rows::add);

    assertThat(rows).extracting(ExplorerRangeTest::row).containsExactly("2", "3", "4");
    assertThat(partial.candidates()).isEqualTo(3);
    assertThat(partial.feasible()).isEqualTo(3);
    assertThat(partial.meetingSlo()).isEqualTo(3);
    assertThat(partial.bestPerDevice().map(ExplorerRangeTest::row)).contains("2");
    assertThat(partial.firstInfeasible()).isEmpty();
    // (25, 100) and (50, 50): neither dominates the other; 4 equals 2 and stays out.
    assertThat(partial.frontier()).extracting(ExplorerRangeTest::row).containsExactly("2", "3");
  }

  @Test
  void aSlicePastTheEndStopsAtTheEnd() {
    List<ServingResult> rows = new ArrayList<>();

    OutcomeAccumulator.Partial partial =
        explorer().exploreRange(scenario(50), RUN, 8, Long.MAX_VALUE, rows::add);

    assertThat(rows).extracting(ExplorerRangeTest::row).containsExactly("8", "9");
    assertThat(partial.candidates()).isEqualTo(2);
    assertThat(explorer().exploreRange(scenario(50), RUN, 12, 20, rows::add).candidates()).isZero();
  }

  @Test
  void aStrategyWrappingItsSinksExceptionStillEndsTheSlice() {
    Explorer explorer =
        Explorer.builder()
            .engine(
                AfdEngine.builder()
                    .addStrategyProvider(new TestingWrappingStrategyProvider())
                    .build())
            .kernelCostModel(new ExplorerAuditTest.TestingUnpricedKernelCostModel())
            .networkModels(cluster -> new ExplorerAuditTest.TestingUnpricedNetworkModel())
            .threads(1)
            .build();
    List<ServingResult> rows = new ArrayList<>();

    OutcomeAccumulator.Partial partial =
        explorer.exploreRange(scenario(50), StrategyRun.of("wrapping"), 1, 3, rows::add);

    assertThat(rows).extracting(ExplorerRangeTest::row).containsExactly("1", "2");
    assertThat(partial.candidates()).isEqualTo(2);
  }

  @Test
  void rejectsABackwardRange() {
    assertThatThrownBy(() -> explorer().exploreRange(scenario(50), RUN, 5, 4, result -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidate range must satisfy 0 <= from <= to, got [5, 4)");
  }

  @Test
  void theWholeOutcomeIsTheHandDerivedOne() {
    StrategyOutcome outcome = explore(scenario(50), new ArrayList<>());

    assertThat(outcome.candidates()).isEqualTo(10);
    assertThat(outcome.feasible()).isEqualTo(8);
    assertThat(outcome.meetingSlo()).isEqualTo(5);
    assertThat(outcome.bestPerDevice().map(ExplorerRangeTest::row)).contains("7");
    assertThat(outcome.bestSystem().map(ExplorerRangeTest::row)).contains("7");
    assertThat(outcome.frontier())
        .extracting(ExplorerRangeTest::row)
        .containsExactly("5", "7", "3");

    StrategyOutcome strict = explore(scenario(10), new ArrayList<>());
    assertThat(strict.meetingSlo()).isZero();
    // TPOT 20 ms is the least violation (2x); rows 3 and 9 tie and the first stays.
    assertThat(strict.closest().map(ExplorerRangeTest::row)).contains("3");
    assertThat(strict.whyNone())
        .isEqualTo("closest candidate misses TPOT 20.00 ms > 10.00 ms by 10.00 ms");
  }

  @Test
  void everySplitIntoThreeSlicesAddsUpToTheWholeOutcomeAndRows() {
    for (double tpot : new double[] {50, 10, 5000}) {
      Scenario scenario = scenario(tpot);
      List<ServingResult> expectedRows = new ArrayList<>();
      StrategyOutcome expected = explore(scenario, expectedRows);
      for (int first = 0; first <= TABLE.length; first++) {
        for (int second = first; second <= TABLE.length; second++) {
          List<ServingResult> rows = new ArrayList<>();
          OutcomeAccumulator whole = new OutcomeAccumulator("table", scenario.slo());
          whole.add(explorer().exploreRange(scenario, RUN, 0, first, rows::add));
          whole.add(explorer().exploreRange(scenario, RUN, first, second, rows::add));
          whole.add(explorer().exploreRange(scenario, RUN, second, TABLE.length, rows::add));

          assertThat(whole.outcome())
              .as("split %d/%d at TPOT %s", first, second, tpot)
              .isEqualTo(expected);
          assertThat(rows).isEqualTo(expectedRows);
        }
      }
    }
  }

  @Test
  void refusesAnotherStrategysPartial() {
    OutcomeAccumulator accumulator = new OutcomeAccumulator("other", scenario(50).slo());
    OutcomeAccumulator.Partial partial =
        explorer().exploreRange(scenario(50), RUN, 0, 1, result -> {});

    assertThatThrownBy(() -> accumulator.add(partial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partial of strategy 'table' cannot be added to strategy 'other'");
  }

  private static StrategyOutcome explore(Scenario scenario, List<ServingResult> rows) {
    return explorer().explore(scenario, List.of(RUN), rows::add).outcomes().get(0);
  }
}

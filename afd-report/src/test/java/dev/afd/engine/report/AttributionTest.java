package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.conventions.Attribution;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.ScenarioResult;
import dev.afd.engine.explore.StrategyOutcome;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudySpec;
import dev.afd.spi.Conventions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The attribution on a hand-made study whose "runner" prices each strategy by a rule of the
 * conventions, so every verdict can be derived by hand.
 */
class AttributionTest {
  private static final Scenario CHAT = TestingStudies.chat();

  private static final StudySpec STUDY =
      new StudySpec(
          "hand",
          List.of("tiny-moe"),
          List.of(new StudySpec.SystemBudget("tiny-nvl4", TestingStudies.GPUS)),
          List.of(new StudySpec.WorkloadSlo(CHAT.workload(), CHAT.slo())),
          List.of(StrategyRun.of("agg"), StrategyRun.of("pd")),
          "analytical");

  /**
   * agg: 100 tokens/s/GPU under afd; agg-ttft=aic makes it miss the SLO; agg-tpot=aic adds 20 %;
   * memory=aic adds 5 %. pd: 50 under afd; pd-ttft=aic takes 20 % off; memory=aic adds 5 %.
   */
  private static double perGpu(String strategy, Conventions conventions) {
    boolean memory = conventions.follows("memory", "aic");
    if (strategy.equals("agg")) {
      if (conventions.follows("agg-ttft", "aic")) {
        return 0;
      }
      return 100 * (conventions.follows("agg-tpot", "aic") ? 1.2 : 1) * (memory ? 1.05 : 1);
    }
    return 50 * (conventions.follows("pd-ttft", "aic") ? 0.8 : 1) * (memory ? 1.05 : 1);
  }

  private final List<String> runs = new ArrayList<>();

  private StudyResult run(StudySpec study) {
    runs.add(
        study.conventions().profile()
            + " "
            + study.strategies().stream().map(StrategyRun::strategyId).toList());
    List<StrategyOutcome> outcomes = new ArrayList<>();
    for (StrategyRun run : study.strategies()) {
      double perGpu = perGpu(run.strategyId(), study.conventions());
      Optional<ServingResult> best =
          perGpu == 0
              ? Optional.empty()
              : Optional.of(
                  ServingResult.builder(run.strategyId())
                      .latencies(
                          TimeSpan.ofMillis(20), TimeSpan.ofMillis(10), TimeSpan.ofMillis(2570))
                      .throughput(perGpu * 8, 64)
                      .devices(8, Map.of("all", 8))
                      .build());
      outcomes.add(
          new StrategyOutcome(
              run.strategyId(),
              1,
              1,
              best.isPresent() ? 1 : 0,
              best,
              best,
              List.of(),
              Optional.empty(),
              ""));
    }
    return new StudyResult(study, List.of(new ScenarioResult(CHAT, outcomes)), 0);
  }

  @Test
  void namesTheSwitchesThatFlipOrMoveTheBestByMoreThanTenPercent() {
    Attribution.Report report = Attribution.run(STUDY, run(STUDY), "aic", this::run);
    assertThat(report.from()).isEqualTo("afd");
    assertThat(report.to()).isEqualTo("aic");
    Attribution.Row agg = report.rows().get(0);
    // aic: agg-ttft flips agg, so it misses the SLO whatever else switches.
    assertThat(agg.from().tokensPerSecondPerDevice()).isEqualTo(100);
    assertThat(agg.to().meetsSlo()).isFalse();
    assertThat(agg.disagrees()).isTrue();
    // agg is priced by agg-ttft, agg-tpot and memory, in catalog order: agg-ttft flips (alone and
    // cumulatively); agg-tpot alone is +20 % (significant), cumulatively nothing (still missing);
    // memory alone is +5 % (not significant).
    assertThat(agg.switches())
        .extracting(Attribution.Switch::assumption)
        .containsExactly("agg-ttft", "agg-tpot", "memory");
    assertThat(agg.switches())
        .extracting(Attribution.Switch::aloneSignificant)
        .containsExactly(true, true, false);
    assertThat(agg.switches())
        .extracting(Attribution.Switch::cumulativeSignificant)
        .containsExactly(true, false, false);
    assertThat(agg.switches().get(1).alone().tokensPerSecondPerDevice())
        .isCloseTo(120, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(agg.explainedBy()).containsExactly("agg-ttft", "agg-tpot");
    // pd: 50 → 50 · 0.8 · 1.05 = 42: −16 %, explained by pd-ttft alone (−20 %); memory +5 % is not.
    Attribution.Row pd = report.rows().get(1);
    assertThat(pd.to().tokensPerSecondPerDevice())
        .isCloseTo(42, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(pd.switches())
        .extracting(Attribution.Switch::assumption)
        .containsExactly("pd-ttft", "pd-decode", "pd-rate-matching", "memory");
    assertThat(pd.explainedBy()).containsExactly("pd-ttft");
    // Only the strategies an assumption prices are re-run, and only under rules they have not been
    // run under: the first cumulative step repeats agg-ttft alone, pd-ttft's cumulative step
    // changes nothing agg reads and repeats pd-ttft alone for pd, and afd-pipeline prices neither.
    assertThat(runs)
        .containsExactly(
            "afd [agg, pd]",
            "afd+agg-ttft=aic [agg]",
            "afd+agg-tpot=aic [agg]",
            "afd+agg-tpot=aic+agg-ttft=aic [agg]",
            "afd+pd-ttft=aic [pd]",
            "afd+pd-decode=aic [pd]",
            "afd+agg-tpot=aic+agg-ttft=aic+pd-decode=aic+pd-ttft=aic [pd]",
            "afd+pd-rate-matching=aic [pd]",
            "afd+agg-tpot=aic+agg-ttft=aic+pd-decode=aic+pd-rate-matching=aic+pd-ttft=aic [pd]",
            "afd+memory=aic [agg, pd]",
            "afd+afd-pipeline=aic+agg-tpot=aic+agg-ttft=aic+memory=aic+pd-decode=aic"
                + "+pd-rate-matching=aic+pd-ttft=aic [agg, pd]");
  }

  @Test
  void printsTheVerdictsAndEverySwitch() {
    Attribution.Report report = Attribution.run(STUDY, run(STUDY), "aic", this::run);
    String console = AttributionReport.console(report);
    assertThat(console)
        .contains("chat      agg       100.0  -     agg-ttft, agg-tpot")
        .contains("chat      pd        50.0   42.0  pd-ttft")
        .contains("chat      agg       agg-tpot          120.0 *  -");
    assertThat(HtmlReport.render(run(STUDY), report))
        .contains("<h2>Why afd and aic disagree</h2>")
        .contains("<td>chat</td><td>agg</td><td>100.0</td><td>-</td><td>agg-ttft, agg-tpot</td>")
        .contains("agg-tpot: 120.0 * / -");
    assertThat(HtmlReport.render(run(STUDY))).doesNotContain("disagree");
    assertThat(AttributionReport.csv(report).lines().findFirst().orElseThrow())
        .isEqualTo(String.join(",", AttributionReport.CSV_HEADER));
    assertThat(AttributionReport.csv(report))
        .contains("tiny-moe,16 × tiny-nvl4,chat,agg,agg-tpot,100.000,120.000,,,true,false");
  }

  @Test
  void namesSmallMovesThatAddUpWhenNoSwitchIsSignificant() {
    // Two switches of −6 % each: 50 → 50 · 0.94 · 0.94 = 44.18, −11.6 % in all, neither alone
    // nor any cumulative step beyond 10 %.
    Attribution.Best from = new Attribution.Best(true, 50, 8, "");
    Attribution.Best once = new Attribution.Best(true, 47, 8, "");
    Attribution.Best twice = new Attribution.Best(true, 44.18, 8, "");
    Attribution.Row row =
        new Attribution.Row(
            "m",
            "8 × s",
            "chat",
            "pd",
            from,
            twice,
            List.of(
                new Attribution.Switch("pd-decode", once, once, false, false),
                new Attribution.Switch("pd-rate-matching", once, twice, false, false),
                new Attribution.Switch("memory", from, twice, false, false)));
    assertThat(row.disagrees()).isTrue();
    assertThat(row.explainedBy()).containsExactly("pd-decode (small)", "pd-rate-matching (small)");
  }
}

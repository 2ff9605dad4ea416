package dev.afd.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudySpecTest {
  @Test
  void theBuiltInPaperStudyIsTheReferenceStudyOfItsBundledFile() {
    // arXiv 2605.28302: DeepSeek-V3.2 on 128 B200, chat / coding / agentic coding under their
    // strict SLOs, agg, pd, agg-afd and pd-afd in the paper's order, the analytical network.
    StudySpec expected =
        new StudySpec(
            "paper-b200",
            List.of("deepseek-v3.2"),
            List.of(new StudySpec.SystemBudget("b200-nvl8", 128)),
            WorkloadSpec.presets().stream()
                .map(workload -> new StudySpec.WorkloadSlo(workload, SloSpec.strict(workload)))
                .toList(),
            List.of(
                StrategyRun.of("agg"),
                StrategyRun.of("pd"),
                StrategyRun.of("agg-afd"),
                StrategyRun.of("pd-afd")),
            "analytical");

    assertThat(StudySpec.builtIn("paper-b200")).contains(expected);
    assertThat(StudySpec.referenceStrategies()).containsExactly("agg", "pd", "agg-afd", "pd-afd");
    assertThat(StudySpec.builtIn("paper-h100")).isEmpty();
  }
}

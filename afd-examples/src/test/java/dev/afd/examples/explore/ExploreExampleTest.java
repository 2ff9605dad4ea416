package dev.afd.examples.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.examples.ExampleOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExploreExampleTest {
  @Test
  void printsTheBestResultPerStrategyThenTheUnknownIdMessage() {
    List<String> lines = ExampleOutput.of(ExploreExample::main);

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .isEqualTo("qwen3-30b-a3b on 8 x h200-nvl8, TTFT <= 50 ms, TPOT <= 15 ms");
    assertThat(lines.get(1)).startsWith("agg: ").contains(" tokens/s/GPU, TTFT ");
    assertThat(lines.get(2)).startsWith("agg-afd: ").contains(" tokens/s/GPU, TTFT ");
    assertThat(lines.get(3))
        .isEqualTo(
            "Unknown strategy 'afd'. Known strategies: [agg, agg-afd, hetero-afd, pd, pd-afd]");
  }
}

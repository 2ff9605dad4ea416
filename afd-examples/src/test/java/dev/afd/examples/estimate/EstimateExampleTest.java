package dev.afd.examples.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.examples.ExampleOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateExampleTest {
  @Test
  void printsOneFullResultThenTheUnknownOptionMessage() {
    List<String> lines = ExampleOutput.of(EstimateExample::main);

    assertThat(lines.get(0)).startsWith("candidates: 1, knobs: {attention-tp=1, attention-dp=4,");
    assertThat(lines.get(1)).isEqualTo("feasible: true, meets SLO: true");
    assertThat(lines.get(2)).matches("TTFT [0-9]+\\.[0-9]{2} ms, TPOT [0-9]+\\.[0-9]{2} ms");
    assertThat(lines.get(3)).matches("[0-9.]+ tokens/s/GPU, [0-9.]+ tokens/s/user");
    assertThat(lines.get(4)).matches("attention memory: [0-9.]+ GiB of 141 GiB");
    assertThat(lines.get(5)).matches("ffn memory: [0-9.]+ GiB of 141 GiB");
    assertThat(lines.subList(6, 11))
        .extracting(line -> line.trim().split(" +")[0])
        .containsExactly("attention", "a2f", "ffn", "f2a", "bubble");
    assertThat(lines.get(11))
        .isEqualTo(
            "Strategy 'agg-afd' does not accept option 'micro-batch'. Accepted options:"
                + " [attention-layouts, attention-system, batch, chunk, dispatch-precision, dp, ep,"
                + " expert-imbalance,"
                + " ffn-system, micro-batches, moe-tp, router, runtime-reserve, tp]");
  }
}

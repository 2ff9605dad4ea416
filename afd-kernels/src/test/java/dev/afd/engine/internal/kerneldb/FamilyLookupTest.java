package dev.afd.engine.internal.kerneldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.engine.internal.kerneldb.GridLayout.Axis;
import dev.afd.engine.internal.kerneldb.GridLayout.ValueSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyLookupTest {
  private static final GridLayout LAYOUT =
      new GridLayout(
          List.of("kernel_source"),
          List.of(Axis.linear("batch_size"), Axis.linear("isl")),
          ValueSpace.LATENCY);

  // No preference listed: the kernels rank alphabetically, so "decode" is preferred.
  private static final KernelFamily FAMILY =
      new KernelFamily("context attention", "context_attention", LAYOUT, List.of(List.of()), null);

  /**
   * The shape of vLLM's context-attention table: its prefill kernel measured over prompt lengths,
   * its decode kernel only at one-token prompts, where it is slower per token.
   */
  private static FamilyLookup lookup() {
    List<String> sources = new ArrayList<>();
    List<Double> batches = new ArrayList<>();
    List<Double> prompts = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (double batch : new double[] {1, 2, 4}) {
      for (double isl : new double[] {16, 256, 1024, 4096}) {
        sources.add("prefill");
        batches.add(batch);
        prompts.add(isl);
        seconds.add(10e-6 + 1e-8 * batch * isl);
      }
      sources.add("decode");
      batches.add(batch);
      prompts.add(1.0);
      seconds.add(9e-6 * batch);
    }
    KernelTable table =
        KernelTable.builder("context_attention")
            .textColumn("kernel_source", sources.toArray(new String[0]))
            .numberColumn("batch_size", batches.stream().mapToDouble(Double::doubleValue).toArray())
            .numberColumn("isl", prompts.stream().mapToDouble(Double::doubleValue).toArray())
            .latencySeconds(seconds.stream().mapToDouble(Double::doubleValue).toArray())
            .build();
    return new FamilyLookup(FAMILY, "test/context_attention_perf", table.grid(LAYOUT), null);
  }

  @Test
  void aFreeColumnTakesTheKernelWhoseGridCoversTheQueryOverOneThatExtrapolates() {
    FamilyLookup lookup = lookup();
    assertThat(lookup.resolve(new String[] {null})).contains(List.of("decode"));

    // batch 2, 1024-token prompt: inside the prefill grid, outside the decode one (isl 1 only).
    Prediction prediction = lookup.predict(new String[] {null}, new double[] {2, 1024}).get();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.EXACT);
    assertThat(prediction.latencySeconds())
        .isCloseTo(10e-6 + 1e-8 * 2 * 1024, withinPercentage(1e-6));
  }

  @Test
  void thePreferredKernelStaysWhereItsGridCoversTheQuery() {
    Prediction prediction = lookup().predict(new String[] {null}, new double[] {2, 1}).get();

    assertThat(prediction.latencySeconds()).isCloseTo(18e-6, withinPercentage(1e-6));
  }

  @Test
  void aFixedColumnIsNeverSwapped() {
    Prediction prediction = lookup().predict(new String[] {"decode"}, new double[] {2, 1024}).get();

    assertThat(prediction.method()).isEqualTo(Prediction.Method.EXTRAPOLATED);
  }
}

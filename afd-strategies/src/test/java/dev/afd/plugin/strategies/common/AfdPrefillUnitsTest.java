package dev.afd.plugin.strategies.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.model.SequenceBatch;
import dev.afd.api.strategy.WorkloadSpec;
import org.junit.jupiter.api.Test;

class AfdPrefillUnitsTest {
  private static final WorkloadSpec WORKLOAD = new WorkloadSpec("w", 100, 1000, 10);

  @Test
  void aPromptShorterThanTheMicroBatchesIsCutIntoChunks() {
    // 2 prompts, 4 micro-batches: each prompt is cut into ⌈4/2⌉ = 2 chunks of 500 tokens; a chunk
    // attends to the 100-token prefix and, on average, half of the chunk before it:
    // 100 + (1000 − 500)/2 = 350 cached tokens.
    assertThat(AfdPrefillUnits.microBatch(2, 4, WORKLOAD).batches())
        .containsExactly(new SequenceBatch(1, 350, 500));
  }

  @Test
  void enoughPromptsFillTheMicroBatchesWhole() {
    // 8 prompts, 4 micro-batches: 2 whole prompts each, attending to the prefix only.
    assertThat(AfdPrefillUnits.microBatch(8, 4, WORKLOAD).batches())
        .containsExactly(new SequenceBatch(2, 100, 1000));
  }
}

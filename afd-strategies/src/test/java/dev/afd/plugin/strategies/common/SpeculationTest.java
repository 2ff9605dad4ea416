package dev.afd.plugin.strategies.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.AfdConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived MTP figures (AIConfigurator's {@code calc_expectation}, DeepSeek-V3's 61 layers).
 */
class SpeculationTest {
  @Test
  void offByDefault() {
    Speculation none = Speculation.of(0, new double[] {0.85}, 61);
    assertThat(none).isEqualTo(Speculation.NONE);
    assertThat(none.tokensPerStep()).isEqualTo(1);
    assertThat(none.stepScale()).isEqualTo(1);
    assertThat(none.queryTokens(16)).isEqualTo(16);
  }

  @Test
  void oneDraftAtEightyFivePercent() {
    Speculation one = Speculation.of(1, new double[] {0.85}, 61);
    // E = 0.85; a step runs 2 query tokens per sequence through 61 + 1 layers
    assertThat(one.tokensPerStep()).isCloseTo(1.85, within(1e-12));
    assertThat(one.stepScale()).isCloseTo(62.0 / 61, within(1e-12));
    assertThat(one.queryTokens(16)).isEqualTo(32);
    assertThat(one.decodeStep(16, 4096).tokens()).isEqualTo(32);
    // TPOT factor against a 1-token step of the same time: (62/61)/1.85 ≈ 0.5494
    assertThat(one.stepScale() / one.tokensPerStep()).isCloseTo(0.54941, within(1e-5));
  }

  @Test
  void defaultRatesReproduceTheMeasuredTokensPerStep() {
    // TensorRT-LLM's DeepSeek-R1 measurements: 1.92, 2.58, 2.82 tokens per step at depth 1-3
    double[] rates = Speculation.parse(Speculation.DEFAULT_ACCEPTANCE_TEXT);
    assertThat(Speculation.of(1, rates, 61).tokensPerStep()).isCloseTo(1.92, within(1e-9));
    assertThat(Speculation.of(2, rates, 61).tokensPerStep()).isCloseTo(2.58, within(0.001));
    assertThat(Speculation.of(3, rates, 61).tokensPerStep()).isCloseTo(2.82, within(0.001));
  }

  @Test
  void draftsBeyondAShortListTakeTheDefaultRates() {
    // E = 0.85 + 0.85·0.717 + 0.85·0.717·0.364
    assertThat(Speculation.of(3, new double[] {0.85}, 61).acceptedPerStep())
        .isCloseTo(0.85 + 0.85 * 0.717 + 0.85 * 0.717 * 0.364, within(1e-12));
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    assertThatThrownBy(() -> Speculation.parse("0.9,1.2"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessageContaining("mtp-acceptance")
        .hasMessageContaining("'0.9,1.2'");
    assertThatThrownBy(() -> Speculation.parse("high"))
        .isInstanceOf(AfdConfigurationException.class);
  }
}

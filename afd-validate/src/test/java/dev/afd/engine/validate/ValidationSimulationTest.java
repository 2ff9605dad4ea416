package dev.afd.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidationSimulationTest {
  @Test
  void keepsTheBenchmarksRequestsUnderTheCap() {
    assertThat(ValidationSimulation.DEFAULTS.requestsPerClient(16_384, 10)).isEqualTo(10);
    assertThat(ValidationSimulation.DEFAULTS.describe(16, 10, 10))
        .isEqualTo("simulated: closed loop of 16 clients, 10 requests each, seed 1");
  }

  @Test
  void capsInWholeRoundsOfAtLeastOneRequest() {
    ValidationSimulation capped = new ValidationSimulation(7, 100);
    assertThat(capped.requestsPerClient(10, 10)).isEqualTo(10);
    assertThat(capped.requestsPerClient(30, 10)).isEqualTo(3);
    assertThat(capped.requestsPerClient(1_000, 10)).isEqualTo(1);
    assertThat(capped.describe(30, 3, 10))
        .isEqualTo(
            "simulated: closed loop of 30 clients, 3 requests each (capped from 10: at most 100 per"
                + " row), seed 7");
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThatThrownBy(() -> new ValidationSimulation(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequests must be >= 1, got 0");
  }
}

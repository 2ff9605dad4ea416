package dev.afd.tck;

import static dev.afd.tck.AfdAssertions.assertThat;
import static dev.afd.tck.AfdAssertions.assertThatThrownBy;
import static dev.afd.tck.AfdAssertions.withinPercentage;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopCount;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.TimeSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AfdAssertionsTest {

  @Test
  void acceptsQuantitiesWithinTheTolerance() {
    assertThat(TimeSpan.ofMillis(10.05)).isCloseTo(TimeSpan.ofMillis(10), withinPercentage(1));
    assertThat(DataSize.ofGibibytes(80)).isCloseTo(DataSize.ofGigabytes(85.9), withinPercentage(1));
    assertThat(ByteRate.ofTerabytesPerSecond(4.8))
        .isPositive()
        .isGreaterThan(ByteRate.ofTerabytesPerSecond(3.35));
    assertThat(FlopRate.ofTeraflopsPerSecond(989))
        .isCloseTo(FlopRate.ofTeraflopsPerSecond(990), withinPercentage(0.5));
    assertThat(new FlopCount(0)).isZero();
  }

  @Test
  void reportsTheOffendingQuantitiesWithTheirUnits() {
    assertThatThrownBy(
            () ->
                assertThat(TimeSpan.ofMillis(12))
                    .isCloseTo(TimeSpan.ofMillis(10), withinPercentage(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting actual:\n  '12 ms'\nto be close to:\n  '10 ms'\nwithin 5.0% but it is off"
                + " by 20.0%");
    assertThatThrownBy(() -> assertThat(DataSize.ZERO).isPositive())
        .isInstanceOf(AssertionError.class)
        .hasMessage("\nExpecting actual:\n  '0 B'\nto be greater than zero");
  }

  @Test
  void checksServingResults() {
    ServingResult infeasible =
        ServingResult.builder("testing")
            .knobs(Map.of("tp", "8"))
            .infeasible("ffn devices need 90.0 GiB of 80.0 GiB")
            .build();
    assertThat(infeasible).isInfeasibleBecause("ffn devices need 90.0 GiB of 80.0 GiB");
    assertThatThrownBy(() -> assertThat(infeasible).isFeasible())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting testing result {tp=8} to be feasible, but it is not: ffn devices need 90.0"
                + " GiB of 80.0 GiB");
    ServingResult feasible =
        ServingResult.builder("testing")
            .devices(3, Map.of("attention", 1))
            .memory(List.of())
            .latencies(TimeSpan.ofMillis(100), TimeSpan.ofMillis(10), TimeSpan.ofSeconds(1))
            .build();
    assertThat(feasible)
        .isFeasible()
        .fitsInMemory()
        .hasDevicesInRole("attention", 1)
        .meets(new SloSpec(TimeSpan.ofMillis(200), TimeSpan.ofMillis(20)));
  }
}

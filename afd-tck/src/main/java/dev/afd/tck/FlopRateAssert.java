package dev.afd.tck;

import dev.afd.api.unit.FlopRate;

/**
 * Assertions on a {@link FlopRate} (a FLOP rate); start with {@link
 * AfdAssertions#assertThat(FlopRate)}.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class FlopRateAssert extends AbstractQuantityAssert<FlopRateAssert, FlopRate> {

  FlopRateAssert(FlopRate actual) {
    super(actual, FlopRateAssert.class);
  }

  /**
   * {@return the quantity in FLOP per second}
   *
   * @param quantity a quantity
   */
  @Override
  protected double baseUnits(FlopRate quantity) {
    return quantity.flopsPerSecond();
  }
}

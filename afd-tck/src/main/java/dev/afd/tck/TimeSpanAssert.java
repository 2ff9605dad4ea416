package dev.afd.tck;

import dev.afd.api.unit.TimeSpan;

/**
 * Assertions on a {@link TimeSpan} (a time span); start with {@link
 * AfdAssertions#assertThat(TimeSpan)}.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class TimeSpanAssert extends AbstractQuantityAssert<TimeSpanAssert, TimeSpan> {

  TimeSpanAssert(TimeSpan actual) {
    super(actual, TimeSpanAssert.class);
  }

  /**
   * {@return the quantity in seconds}
   *
   * @param quantity a quantity
   */
  @Override
  protected double baseUnits(TimeSpan quantity) {
    return quantity.seconds();
  }
}

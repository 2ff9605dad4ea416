package dev.afd.tck;

import dev.afd.api.unit.ByteRate;

/**
 * Assertions on a {@link ByteRate} (a byte rate); start with {@link
 * AfdAssertions#assertThat(ByteRate)}.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class ByteRateAssert extends AbstractQuantityAssert<ByteRateAssert, ByteRate> {

  ByteRateAssert(ByteRate actual) {
    super(actual, ByteRateAssert.class);
  }

  /**
   * {@return the quantity in bytes per second}
   *
   * @param quantity a quantity
   */
  @Override
  protected double baseUnits(ByteRate quantity) {
    return quantity.bytesPerSecond();
  }
}

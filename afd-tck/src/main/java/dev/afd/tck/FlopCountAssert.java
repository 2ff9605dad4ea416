package dev.afd.tck;

import dev.afd.api.unit.FlopCount;

/**
 * Assertions on a {@link FlopCount} (a FLOP count); start with {@link
 * AfdAssertions#assertThat(FlopCount)}.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class FlopCountAssert extends AbstractQuantityAssert<FlopCountAssert, FlopCount> {

  FlopCountAssert(FlopCount actual) {
    super(actual, FlopCountAssert.class);
  }

  /**
   * {@return the quantity in FLOP}
   *
   * @param quantity a quantity
   */
  @Override
  protected double baseUnits(FlopCount quantity) {
    return quantity.flops();
  }
}

package dev.afd.tck;

import dev.afd.api.unit.DataSize;

/**
 * Assertions on a {@link DataSize} (a data size); start with {@link
 * AfdAssertions#assertThat(DataSize)}.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class DataSizeAssert extends AbstractQuantityAssert<DataSizeAssert, DataSize> {

  DataSizeAssert(DataSize actual) {
    super(actual, DataSizeAssert.class);
  }

  /**
   * {@return the quantity in bytes}
   *
   * @param quantity a quantity
   */
  @Override
  protected double baseUnits(DataSize quantity) {
    return (double) quantity.bytes();
  }
}

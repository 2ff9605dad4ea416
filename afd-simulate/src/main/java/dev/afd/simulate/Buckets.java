package dev.afd.simulate;

/**
 * Rounds token and sequence counts onto a geometric grid, so that the many iteration shapes a
 * simulation meets collapse onto few priced ones: counts below {@value #EXACT_BELOW} stay exact,
 * larger ones keep their {@value #MANTISSA_BITS} bits after the leading one, that is {@code 2^5 =
 * 32} steps per doubling. Rounding is to the nearest grid point, so a count moves by at most {@code
 * 1/64} (1.6 %) of itself; kernel and attention times are smooth in those counts, so the price
 * moves by about as much at most.
 */
final class Buckets {
  private Buckets() {}

  /** Fraction bits kept after the leading one: 32 grid points per doubling. */
  static final int MANTISSA_BITS = 5;

  /** Counts below this are exact: {@code 2^(MANTISSA_BITS + 1)}. */
  static final long EXACT_BELOW = 1L << (MANTISSA_BITS + 1);

  /** Bits a bucket index takes: exponent (6 bits) and mantissa. */
  static final int INDEX_BITS = 6 + MANTISSA_BITS + 1;

  /** {@return the grid point nearest {@code value} (non-negative)} */
  static long round(long value) {
    if (value < EXACT_BELOW) {
      return value;
    }
    int shift = 63 - Long.numberOfLeadingZeros(value) - MANTISSA_BITS;
    long half = 1L << (shift - 1);
    return ((value + half) >>> shift) << shift;
  }

  /**
   * {@return a compact index of a grid point from {@link #round}: distinct grid points have
   * distinct indexes, each below {@code 2^INDEX_BITS}}
   */
  static long index(long gridPoint) {
    if (gridPoint < EXACT_BELOW) {
      return gridPoint;
    }
    int shift = 63 - Long.numberOfLeadingZeros(gridPoint) - MANTISSA_BITS;
    long mantissa = gridPoint >>> shift; // in [32, 64)
    return ((long) shift << (MANTISSA_BITS + 1)) + mantissa + EXACT_BELOW;
  }
}

package dev.afd.tck;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.assertj.core.api.AbstractComparableAssert;
import org.assertj.core.data.Percentage;

/**
 * Assertions shared by every unit type: relative closeness, sign and the comparisons of {@link
 * AbstractComparableAssert}. Failure messages print quantities with their canonical unit strings
 * (for example {@code '80 GiB'}), never bare numbers.
 *
 * <p>Obtained from {@link AfdAssertions}; not thread-safe, like every AssertJ assertion.
 *
 * @param <S> the concrete assertion type
 * @param <Q> the unit type
 * @since 0.1
 */
public abstract class AbstractQuantityAssert<
        S extends AbstractQuantityAssert<S, Q>, Q extends Comparable<? super Q>>
    extends AbstractComparableAssert<S, Q> {

  /**
   * Creates the assertion.
   *
   * @param actual the quantity under test
   * @param selfType the concrete assertion class
   */
  protected AbstractQuantityAssert(Q actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * {@return the quantity in its SI base unit (bytes, bytes per second, FLOP, FLOP per second or
   * seconds)}
   *
   * @param quantity a quantity
   */
  protected abstract double baseUnits(Q quantity);

  /**
   * Asserts that the quantity is within {@code percentage} of {@code expected}, relative to {@code
   * expected}: {@code |actual − expected| ≤ |expected| · percentage / 100}.
   *
   * <p>Use it for computed values; exact equality is for parsed and constructed values.
   *
   * @param expected the expected quantity
   * @param percentage the tolerance, for example {@code withinPercentage(1)}
   * @return this assertion
   */
  public S isCloseTo(Q expected, Percentage percentage) {
    requireNonNull(expected, "expected");
    requireNonNull(percentage, "percentage");
    isNotNull();
    double expectedValue = baseUnits(expected);
    double difference = Math.abs(baseUnits(actual) - expectedValue);
    if (difference > Math.abs(expectedValue) * percentage.value / 100) {
      String off =
          expectedValue == 0
              ? "any share"
              : String.format(Locale.ROOT, "%.3g%%", 100 * difference / Math.abs(expectedValue));
      failWithMessage(
          "%nExpecting actual:%n  '%s'%nto be close to:%n  '%s'%nwithin %s but it is off by %s",
          actual, expected, String.format(Locale.ROOT, "%s%%", percentage.value), off);
    }
    return myself;
  }

  /**
   * Asserts that the quantity is greater than zero.
   *
   * @return this assertion
   */
  public S isPositive() {
    isNotNull();
    if (!(baseUnits(actual) > 0)) {
      failWithMessage("%nExpecting actual:%n  '%s'%nto be greater than zero", actual);
    }
    return myself;
  }

  /**
   * Asserts that the quantity is exactly zero.
   *
   * @return this assertion
   */
  public S isZero() {
    isNotNull();
    if (baseUnits(actual) != 0) {
      failWithMessage("%nExpecting actual:%n  '%s'%nto be zero", actual);
    }
    return myself;
  }
}

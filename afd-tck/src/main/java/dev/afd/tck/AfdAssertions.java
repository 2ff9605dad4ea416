package dev.afd.tck;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopCount;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.TimeSpan;
import org.assertj.core.api.Assertions;

/**
 * AssertJ's {@link Assertions} plus entry points for afd's unit types and results, so one static
 * import serves a whole plugin test:
 *
 * <pre>{@code
 * import static dev.afd.tck.AfdAssertions.assertThat;
 * import static dev.afd.tck.AfdAssertions.withinPercentage;
 *
 * assertThat(result.timePerOutputToken()).isCloseTo(TimeSpan.ofMillis(12.5), withinPercentage(1));
 * assertThat(accelerator.onChipMemory()).isGreaterThan(DataSize.ofMebibytes(256));
 * assertThat(result).isFeasible().fitsInMemory().hasDevicesInRole("ffn", 8);
 * }</pre>
 *
 * <p>Stateless; every method returns a new assertion.
 *
 * @since 0.1
 */
public class AfdAssertions extends Assertions {

  /** Allows subclasses that add a project's own entry points, as AssertJ does. */
  protected AfdAssertions() {}

  /**
   * {@return assertions on a data size}
   *
   * @param actual the data size under test
   */
  public static DataSizeAssert assertThat(DataSize actual) {
    return new DataSizeAssert(actual);
  }

  /**
   * {@return assertions on a byte rate}
   *
   * @param actual the byte rate under test
   */
  public static ByteRateAssert assertThat(ByteRate actual) {
    return new ByteRateAssert(actual);
  }

  /**
   * {@return assertions on a FLOP count}
   *
   * @param actual the FLOP count under test
   */
  public static FlopCountAssert assertThat(FlopCount actual) {
    return new FlopCountAssert(actual);
  }

  /**
   * {@return assertions on a FLOP rate}
   *
   * @param actual the FLOP rate under test
   */
  public static FlopRateAssert assertThat(FlopRate actual) {
    return new FlopRateAssert(actual);
  }

  /**
   * {@return assertions on a time span}
   *
   * @param actual the time span under test
   */
  public static TimeSpanAssert assertThat(TimeSpan actual) {
    return new TimeSpanAssert(actual);
  }

  /**
   * {@return assertions on a serving result}
   *
   * @param actual the result under test
   */
  public static ServingResultAssert assertThat(ServingResult actual) {
    return new ServingResultAssert(actual);
  }
}

package dev.afd.api.unit;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compute rate in floating-point operations per second; peak figures are <em>dense</em>, never
 * the 2:4-sparse headline. Immutable.
 *
 * @param flopsPerSecond the value, finite and {@code >= 0}
 * @since 0.1
 */
public record FlopRate(double flopsPerSecond) implements Comparable<FlopRate> {
  /** Zero. */
  public static final FlopRate ZERO = new FlopRate(0);

  static final Map<String, BigDecimal> UNITS = units();
  private static final List<String> FORMAT_UNITS =
      List.of("FLOP/s", "kFLOP/s", "MFLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s", "EFLOP/s");
  private static final String HINT = String.join(", ", FORMAT_UNITS);

  /**
   * Validates the value.
   *
   * @param flopsPerSecond the value
   */
  public FlopRate {
    if (!Double.isFinite(flopsPerSecond) || flopsPerSecond < 0) {
      throw new IllegalArgumentException(
          "flopsPerSecond must be finite and >= 0, got '" + flopsPerSecond + "'");
    }
  }

  /**
   * Parses text such as {@code "2.25 PFLOP/s"}.
   *
   * @param text the text
   * @return the value
   * @throws dev.afd.api.AfdConfigurationException if the text is not a non-negative FLOP rate
   */
  public static FlopRate parse(String text) {
    UnitText.Parsed parsed = UnitText.split(text, "FLOP rate", HINT);
    BigDecimal scale = UNITS.get(parsed.unit());
    if (scale == null) {
      throw UnitText.unknownUnit(text, "FLOP rate", parsed.unit(), HINT);
    }
    return new FlopRate(UnitText.toDouble(text, "FLOP rate", parsed.number(), scale));
  }

  @Override
  public int compareTo(FlopRate other) {
    return Double.compare(flopsPerSecond, other.flopsPerSecond);
  }

  /** {@return the canonical text, for example {@code "989 TFLOP/s"}} */
  @Override
  public String toString() {
    return UnitText.formatDecimal(flopsPerSecond, FORMAT_UNITS, 0, 3);
  }

  private static Map<String, BigDecimal> units() {
    Map<String, BigDecimal> units = new LinkedHashMap<>();
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
    for (int index = 0; index < prefixes.length; index++) {
      units.put(prefixes[index] + "FLOP/s", BigDecimal.TEN.pow(3 * index));
    }
    return Collections.unmodifiableMap(units);
  }

  /**
   * {@return a rate in TFLOP/s (10^12 FLOP per second)}
   *
   * @param teraflopsPerSecond the rate
   */
  public static FlopRate ofTeraflopsPerSecond(double teraflopsPerSecond) {
    return new FlopRate(teraflopsPerSecond * 1e12);
  }

  /** {@return the rate in TFLOP/s} */
  public double toTeraflopsPerSecond() {
    return flopsPerSecond / 1e12;
  }

  /**
   * {@return this rate times a factor, for example an efficiency}
   *
   * @param factor a finite non-negative factor
   */
  public FlopRate times(double factor) {
    return new FlopRate(flopsPerSecond * factor);
  }
}

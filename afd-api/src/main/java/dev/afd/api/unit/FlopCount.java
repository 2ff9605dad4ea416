package dev.afd.api.unit;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An amount of arithmetic work in floating-point operations (a multiply-add counts as two).
 * Immutable.
 *
 * @param flops the value, finite and {@code >= 0}
 * @since 0.1
 */
public record FlopCount(double flops) implements Comparable<FlopCount> {
  /** Zero. */
  public static final FlopCount ZERO = new FlopCount(0);

  static final Map<String, BigDecimal> UNITS = units();
  private static final List<String> FORMAT_UNITS =
      List.of("FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP");
  private static final String HINT = String.join(", ", FORMAT_UNITS);

  /**
   * Validates the value.
   *
   * @param flops the value
   */
  public FlopCount {
    if (!Double.isFinite(flops) || flops < 0) {
      throw new IllegalArgumentException("flops must be finite and >= 0, got '" + flops + "'");
    }
  }

  /**
   * Parses text such as {@code "2.25 PFLOP"}.
   *
   * @param text the text
   * @return the value
   * @throws dev.afd.api.AfdConfigurationException if the text is not a non-negative FLOP count
   */
  public static FlopCount parse(String text) {
    UnitText.Parsed parsed = UnitText.split(text, "FLOP count", HINT);
    BigDecimal scale = UNITS.get(parsed.unit());
    if (scale == null) {
      throw UnitText.unknownUnit(text, "FLOP count", parsed.unit(), HINT);
    }
    return new FlopCount(UnitText.toDouble(text, "FLOP count", parsed.number(), scale));
  }

  @Override
  public int compareTo(FlopCount other) {
    return Double.compare(flops, other.flops);
  }

  /** {@return the canonical text, for example {@code "989 TFLOP"}} */
  @Override
  public String toString() {
    return UnitText.formatDecimal(flops, FORMAT_UNITS, 0, 3);
  }

  private static Map<String, BigDecimal> units() {
    Map<String, BigDecimal> units = new LinkedHashMap<>();
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
    for (int index = 0; index < prefixes.length; index++) {
      units.put(prefixes[index] + "FLOP", BigDecimal.TEN.pow(3 * index));
    }
    return Collections.unmodifiableMap(units);
  }

  /**
   * {@return a count of floating-point operations}
   *
   * @param flops the count
   */
  public static FlopCount of(double flops) {
    return new FlopCount(flops);
  }

  /**
   * {@return how long this work takes at {@code rate}}
   *
   * @param rate the achieved rate, {@code > 0}
   */
  public TimeSpan dividedBy(FlopRate rate) {
    if (rate.flopsPerSecond() <= 0) {
      throw new IllegalArgumentException("flopsPerSecond must be > 0, got '0'");
    }
    return TimeSpan.ofSeconds(flops / rate.flopsPerSecond());
  }

  /**
   * {@return the arithmetic intensity in FLOP per byte}
   *
   * @param size the bytes moved, {@code > 0}
   */
  public double intensity(DataSize size) {
    return flops / size.bytes();
  }
}

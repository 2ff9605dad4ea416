package dev.afd.api.unit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A non-negative length of time in seconds, as a double for model arithmetic.
 *
 * <p>Parses {@code "50 ms"}, {@code "1.5 s"}, {@code "800 ns"}, {@code "3 us"} (or {@code µs}).
 * Immutable.
 *
 * @param seconds the time in seconds, finite and {@code >= 0}
 * @since 0.1
 */
public record TimeSpan(double seconds) implements Comparable<TimeSpan> {
  /** Zero seconds. */
  public static final TimeSpan ZERO = new TimeSpan(0);

  static final Map<String, BigDecimal> UNITS = units();
  private static final String HINT = "ns, us, ms, s";
  private static final List<String> FORMAT_UNITS = List.of("ns", "us", "ms", "s");

  /**
   * Validates the time.
   *
   * @param seconds the time in seconds
   */
  public TimeSpan {
    if (!Double.isFinite(seconds) || seconds < 0) {
      throw new IllegalArgumentException("seconds must be finite and >= 0, got '" + seconds + "'");
    }
  }

  /**
   * {@return a time in seconds}
   *
   * @param seconds the time
   */
  public static TimeSpan ofSeconds(double seconds) {
    return new TimeSpan(seconds);
  }

  /**
   * {@return a time in milliseconds}
   *
   * @param milliseconds the time
   */
  public static TimeSpan ofMillis(double milliseconds) {
    return new TimeSpan(milliseconds / 1e3);
  }

  /**
   * {@return a time in microseconds}
   *
   * @param microseconds the time
   */
  public static TimeSpan ofMicros(double microseconds) {
    return new TimeSpan(microseconds / 1e6);
  }

  /**
   * Parses a time such as {@code "50 ms"}.
   *
   * @param text the text
   * @return the time
   * @throws dev.afd.api.AfdConfigurationException if the text is not a non-negative time
   */
  public static TimeSpan parse(String text) {
    UnitText.Parsed parsed = UnitText.split(text, "time span", HINT);
    BigDecimal scale = UNITS.get(parsed.unit());
    if (scale == null) {
      throw UnitText.unknownUnit(text, "time span", parsed.unit(), HINT);
    }
    return new TimeSpan(UnitText.toDouble(text, "time span", parsed.number(), scale));
  }

  /** {@return the time in milliseconds} */
  public double toMillis() {
    return seconds * 1e3;
  }

  /** {@return the time as a {@link Duration}, rounded to the nearest nanosecond} */
  public Duration toDuration() {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /**
   * {@return the sum}
   *
   * @param other the time to add
   */
  public TimeSpan plus(TimeSpan other) {
    return new TimeSpan(seconds + other.seconds);
  }

  /**
   * {@return this time times a non-negative factor}
   *
   * @param factor the factor
   */
  public TimeSpan times(double factor) {
    return new TimeSpan(seconds * factor);
  }

  @Override
  public int compareTo(TimeSpan other) {
    return Double.compare(seconds, other.seconds);
  }

  /** {@return the canonical text, for example {@code "50 ms"}} */
  @Override
  public String toString() {
    return UnitText.formatDecimal(seconds, FORMAT_UNITS, -9, 3);
  }

  private static Map<String, BigDecimal> units() {
    Map<String, BigDecimal> units = new LinkedHashMap<>();
    units.put("ns", BigDecimal.ONE.movePointLeft(9));
    units.put("us", BigDecimal.ONE.movePointLeft(6));
    units.put("µs", BigDecimal.ONE.movePointLeft(6));
    units.put("ms", BigDecimal.ONE.movePointLeft(3));
    units.put("s", BigDecimal.ONE);
    return Collections.unmodifiableMap(units);
  }
}

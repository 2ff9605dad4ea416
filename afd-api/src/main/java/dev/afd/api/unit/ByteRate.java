package dev.afd.api.unit;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data rate in bytes per second: HBM bandwidth, or interconnect bandwidth <em>per direction</em>.
 *
 * <p>Parses {@code "4.8 TB/s"}, {@code "900 GB/s"}, {@code "400 Gbit/s"} (bits, divided by 8) and
 * binary rates such as {@code "1 GiB/s"}. Immutable.
 *
 * @param bytesPerSecond the rate, finite and {@code >= 0}
 * @since 0.1
 */
public record ByteRate(double bytesPerSecond) implements Comparable<ByteRate> {
  /** A rate of zero. */
  public static final ByteRate ZERO = new ByteRate(0);

  static final Map<String, BigDecimal> UNITS = units();
  private static final String HINT =
      "B/s, kB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s, TiB/s, bit/s, kbit/s, Mbit/s, Gbit/s,"
          + " Tbit/s";
  private static final List<String> FORMAT_UNITS = List.of("B/s", "kB/s", "MB/s", "GB/s", "TB/s");

  /**
   * Validates the rate.
   *
   * @param bytesPerSecond the rate
   */
  public ByteRate {
    if (!Double.isFinite(bytesPerSecond) || bytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "bytesPerSecond must be finite and >= 0, got '" + bytesPerSecond + "'");
    }
  }

  /**
   * {@return a rate in bytes per second}
   *
   * @param bytesPerSecond the rate
   */
  public static ByteRate ofBytesPerSecond(double bytesPerSecond) {
    return new ByteRate(bytesPerSecond);
  }

  /**
   * {@return a rate in decimal gigabytes per second}
   *
   * @param gigabytesPerSecond the rate in GB/s
   */
  public static ByteRate ofGigabytesPerSecond(double gigabytesPerSecond) {
    return new ByteRate(gigabytesPerSecond * 1e9);
  }

  /**
   * {@return a rate in decimal terabytes per second}
   *
   * @param terabytesPerSecond the rate in TB/s
   */
  public static ByteRate ofTerabytesPerSecond(double terabytesPerSecond) {
    return new ByteRate(terabytesPerSecond * 1e12);
  }

  /**
   * {@return a rate in gigabits per second, as NICs are quoted (divided by 8)}
   *
   * @param gigabitsPerSecond the rate in Gbit/s
   */
  public static ByteRate ofGigabitsPerSecond(double gigabitsPerSecond) {
    return new ByteRate(gigabitsPerSecond * 1e9 / 8);
  }

  /**
   * Parses a rate such as {@code "3.35 TB/s"} or {@code "400 Gbit/s"}.
   *
   * @param text the text
   * @return the rate
   * @throws dev.afd.api.AfdConfigurationException if the text is not a non-negative rate
   */
  public static ByteRate parse(String text) {
    UnitText.Parsed parsed = UnitText.split(text, "byte rate", HINT);
    BigDecimal scale = UNITS.get(parsed.unit());
    if (scale == null) {
      throw UnitText.unknownUnit(text, "byte rate", parsed.unit(), HINT);
    }
    return new ByteRate(UnitText.toDouble(text, "byte rate", parsed.number(), scale));
  }

  /** {@return the rate in decimal gigabytes per second} */
  public double toGigabytesPerSecond() {
    return bytesPerSecond / 1e9;
  }

  /** {@return the rate in gigabits per second} */
  public double toGigabitsPerSecond() {
    return bytesPerSecond * 8 / 1e9;
  }

  /**
   * {@return how long moving {@code size} takes at this rate}
   *
   * @param size the amount of data
   * @throws IllegalArgumentException if this rate is zero
   */
  public TimeSpan timeToTransfer(DataSize size) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytesPerSecond must be > 0 to transfer data, got '0'");
    }
    return TimeSpan.ofSeconds(size.bytes() / bytesPerSecond);
  }

  /**
   * {@return this rate times a factor, for example an efficiency}
   *
   * @param factor a finite non-negative factor
   */
  public ByteRate times(double factor) {
    return new ByteRate(bytesPerSecond * factor);
  }

  @Override
  public int compareTo(ByteRate other) {
    return Double.compare(bytesPerSecond, other.bytesPerSecond);
  }

  /** {@return the canonical text in decimal byte units, for example {@code "3.35 TB/s"}} */
  @Override
  public String toString() {
    return UnitText.formatDecimal(bytesPerSecond, FORMAT_UNITS, 0, 3);
  }

  private static Map<String, BigDecimal> units() {
    Map<String, BigDecimal> units = new LinkedHashMap<>();
    String[] prefixes = {"", "k", "M", "G", "T", "P"};
    String[] binary = {"KiB/s", "MiB/s", "GiB/s", "TiB/s"};
    BigDecimal eight = BigDecimal.valueOf(8);
    for (int index = 0; index < prefixes.length; index++) {
      BigDecimal scale = BigDecimal.TEN.pow(3 * index);
      units.put(prefixes[index] + "B/s", scale);
      units.put(prefixes[index] + "bit/s", scale.divide(eight));
    }
    for (int index = 0; index < binary.length; index++) {
      units.put(binary[index], new BigDecimal(java.math.BigInteger.TWO.pow(10 * (index + 1))));
    }
    return Collections.unmodifiableMap(units);
  }
}

package dev.afd.api.unit;

import dev.afd.api.AfdConfigurationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An amount of memory or data, stored exactly as a number of bytes.
 *
 * <p>Decimal ({@code GB} = 10^9 bytes) and binary ({@code GiB} = 2^30 bytes) prefixes are both
 * explicit; the ambiguous {@code G} and the bit unit {@code Gb} are rejected. Immutable.
 *
 * @param bytes the size in bytes, {@code >= 0}
 * @since 0.1
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
  /** Zero bytes. */
  public static final DataSize ZERO = new DataSize(0);

  static final Map<String, BigDecimal> UNITS = units();
  private static final String HINT = "B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB";

  /**
   * Validates the size.
   *
   * @param bytes the size in bytes
   */
  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got '" + bytes + "'");
    }
  }

  /**
   * {@return a size of {@code bytes} bytes}
   *
   * @param bytes the size in bytes
   */
  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  /**
   * {@return a size in decimal gigabytes (10^9 bytes), rounded to the nearest byte}
   *
   * @param gigabytes the size in GB
   */
  public static DataSize ofGigabytes(double gigabytes) {
    return new DataSize(Math.round(gigabytes * 1e9));
  }

  /**
   * {@return a size in decimal megabytes (10^6 bytes), rounded to the nearest byte}
   *
   * @param megabytes the size in MB
   */
  public static DataSize ofMegabytes(double megabytes) {
    return new DataSize(Math.round(megabytes * 1e6));
  }

  /**
   * {@return a size in binary gibibytes (2^30 bytes), rounded to the nearest byte}
   *
   * @param gibibytes the size in GiB
   */
  public static DataSize ofGibibytes(double gibibytes) {
    return new DataSize(Math.round(gibibytes * (1L << 30)));
  }

  /**
   * {@return a size in binary mebibytes (2^20 bytes), rounded to the nearest byte}
   *
   * @param mebibytes the size in MiB
   */
  public static DataSize ofMebibytes(double mebibytes) {
    return new DataSize(Math.round(mebibytes * (1L << 20)));
  }

  /**
   * Parses a size such as {@code "141 GiB"} or {@code "80 GB"}.
   *
   * @param text the text
   * @return the size
   * @throws AfdConfigurationException if the text is not a non-negative size with a size unit
   */
  public static DataSize parse(String text) {
    UnitText.Parsed parsed = UnitText.split(text, "data size", HINT);
    BigDecimal scale = UNITS.get(parsed.unit());
    if (scale == null) {
      throw UnitText.unknownUnit(text, "data size", parsed.unit(), HINT);
    }
    BigDecimal exactBytes = parsed.number().multiply(scale);
    if (exactBytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new AfdConfigurationException(
          "Cannot parse data size '" + text + "': the value is too large");
    }
    return new DataSize(exactBytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
  }

  /** {@return the size in decimal gigabytes} */
  public double toGigabytes() {
    return bytes / 1e9;
  }

  /** {@return the size in binary gibibytes} */
  public double toGibibytes() {
    return bytes / (double) (1L << 30);
  }

  /**
   * {@return the sum, failing on overflow}
   *
   * @param other the size to add
   */
  public DataSize plus(DataSize other) {
    return new DataSize(Math.addExact(bytes, other.bytes));
  }

  /**
   * {@return this size times a count, failing on overflow}
   *
   * @param count the factor
   */
  public DataSize times(long count) {
    return new DataSize(Math.multiplyExact(bytes, count));
  }

  /**
   * {@return how long moving this size takes at {@code rate}}
   *
   * @param rate the transfer rate, {@code > 0}
   */
  public TimeSpan dividedBy(ByteRate rate) {
    return rate.timeToTransfer(this);
  }

  @Override
  public int compareTo(DataSize other) {
    return Long.compare(bytes, other.bytes);
  }

  /**
   * {@return the canonical text: the shortest exact form among decimal and binary units, for
   * example {@code "80 GB"} or {@code "141 GiB"}}
   */
  @Override
  public String toString() {
    if (bytes == 0) {
      return "0 B";
    }
    String best = bytes + " B";
    String[] decimal = {"kB", "MB", "GB", "TB", "PB"};
    for (int index = 0; index < decimal.length; index++) {
      if (bytes >= BigInteger.TEN.pow(3 * (index + 1)).longValue()) {
        String text =
            UnitText.plain(BigDecimal.valueOf(bytes).movePointLeft(3 * (index + 1)))
                + " "
                + decimal[index];
        best = text.length() <= best.length() ? text : best;
      }
    }
    String[] binary = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    for (int index = 0; index < binary.length; index++) {
      long unit = 1L << (10 * (index + 1));
      if (bytes % unit == 0) {
        String text = (bytes / unit) + " " + binary[index];
        best = text.length() < best.length() ? text : best;
      }
    }
    return best;
  }

  private static Map<String, BigDecimal> units() {
    Map<String, BigDecimal> units = new LinkedHashMap<>();
    units.put("B", BigDecimal.ONE);
    String[] decimal = {"kB", "MB", "GB", "TB", "PB"};
    String[] binary = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    for (int index = 0; index < decimal.length; index++) {
      units.put(decimal[index], BigDecimal.TEN.pow(3 * (index + 1)));
      units.put(binary[index], new BigDecimal(BigInteger.TWO.pow(10 * (index + 1))));
    }
    units.put("KB", BigDecimal.TEN.pow(3));
    return Collections.unmodifiableMap(units);
  }
}

package dev.afd.api.unit;

import dev.afd.api.AfdConfigurationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one parser and formatter behind every unit type's {@code parse} and {@code toString}. */
final class UnitText {
  private static final Pattern QUANTITY =
      Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S.*?)?\\s*");

  /** Units every parser knows, so a unit of the wrong kind gets a precise message. */
  private static final Map<String, String> KIND_OF_UNIT = kindOfUnit();

  private UnitText() {}

  /** A number with its unit, the number kept exact. */
  record Parsed(BigDecimal number, String unit) {}

  /**
   * Splits {@code text} into number and unit, rejecting negative, non-finite and unit-less input.
   *
   * @param kind the quantity kind for messages, for example "data size"
   * @param hint the accepted units, for messages
   */
  static Parsed split(String text, String kind, String hint) {
    if (text == null) {
      throw new NullPointerException("text");
    }
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      throw new AfdConfigurationException(
          "Cannot parse "
              + kind
              + " '"
              + text
              + "': expected a non-negative number followed by a unit ("
              + hint
              + ")");
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String unit = matcher.group(2);
    if (number.signum() < 0) {
      throw new AfdConfigurationException(
          "Cannot parse " + kind + " '" + text + "': the value must not be negative");
    }
    if (unit == null) {
      throw new AfdConfigurationException(
          "Cannot parse " + kind + " '" + text + "': a unit is required (" + hint + ")");
    }
    return new Parsed(number, unit);
  }

  /** The message for a unit this kind does not accept, naming what the unit means instead. */
  static AfdConfigurationException unknownUnit(String text, String kind, String unit, String hint) {
    String otherKind = KIND_OF_UNIT.get(unit);
    String reason;
    if (otherKind != null && !otherKind.equals(kind)) {
      reason = "'" + unit + "' is a unit of " + otherKind + ", not of " + kind;
    } else if (unit.equals("G")
        || unit.equals("g")
        || unit.equals("T")
        || unit.equals("M")
        || unit.equals("K")
        || unit.equals("k")) {
      reason =
          "unit '"
              + unit
              + "' is ambiguous; use '"
              + unit.toUpperCase(Locale.ROOT)
              + "B' (decimal) or '"
              + unit.toUpperCase(Locale.ROOT)
              + "iB' (binary)";
    } else if (unit.endsWith("b") && unit.length() == 2) {
      reason =
          "unit '"
              + unit
              + "' means bits; write '"
              + unit.charAt(0)
              + "bit/s' for a rate or '"
              + unit.charAt(0)
              + "B' for bytes";
    } else {
      reason = "unknown unit '" + unit + "'";
    }
    return new AfdConfigurationException(
        "Cannot parse " + kind + " '" + text + "': " + reason + "; expected one of " + hint);
  }

  /** Converts an exact number times a scale to a finite double, rejecting overflow. */
  static double toDouble(String text, String kind, BigDecimal number, BigDecimal scale) {
    double value = number.multiply(scale).doubleValue();
    if (!Double.isFinite(value)) {
      throw new AfdConfigurationException(
          "Cannot parse " + kind + " '" + text + "': the value is too large");
    }
    return value;
  }

  /**
   * Formats {@code value} (in base units) in the largest unit whose value is at least 1, exactly:
   * parsing the result gives back the same double, because every scale is a power of ten.
   */
  static String formatDecimal(double value, List<String> units, int firstExponent, int step) {
    if (value == 0) {
      return "0 " + units.get(-firstExponent / step);
    }
    int chosen = 0;
    for (int index = 0; index < units.size(); index++) {
      if (value >= Math.pow(10, firstExponent + index * step) * 0.9999999999) {
        chosen = index;
      }
    }
    BigDecimal exact = BigDecimal.valueOf(value).movePointLeft(firstExponent + chosen * step);
    return plain(exact) + " " + units.get(chosen);
  }

  static String plain(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString();
  }

  private static Map<String, String> kindOfUnit() {
    Map<String, String> kinds = new java.util.HashMap<>();
    for (String unit : DataSize.UNITS.keySet()) {
      kinds.put(unit, "data size");
    }
    for (String unit : ByteRate.UNITS.keySet()) {
      kinds.put(unit, "byte rate");
    }
    for (String unit : FlopCount.UNITS.keySet()) {
      kinds.put(unit, "FLOP count");
    }
    for (String unit : FlopRate.UNITS.keySet()) {
      kinds.put(unit, "FLOP rate");
    }
    for (String unit : TimeSpan.UNITS.keySet()) {
      kinds.put(unit, "time span");
    }
    return Map.copyOf(kinds);
  }
}

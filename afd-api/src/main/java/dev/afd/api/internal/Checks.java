package dev.afd.api.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Argument checks shared by afd-api value types.
 *
 * <p>Messages are fragments in the form {@code "<name> must be ..., got '<value>'"}, formatted with
 * {@link Locale#ROOT}.
 */
public final class Checks {
  private static final Pattern ID =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

  private Checks() {}

  /**
   * Checks a stable id: lower-case kebab-case, at most 64 characters.
   *
   * @param id the id
   * @param name what the id names, for the message
   * @return the id
   */
  public static String id(String id, String name) {
    if (id == null) {
      throw new NullPointerException(name);
    }
    if (id.length() > 64 || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          name
              + " must be lower-case kebab-case ([a-z0-9]+(-[a-z0-9]+)*, at most 64 characters), got '"
              + id
              + "'");
    }
    return id;
  }

  /**
   * {@return whether the id is valid}
   *
   * @param id the candidate id
   */
  public static boolean isValidId(String id) {
    return id.length() <= 64 && ID.matcher(id).matches();
  }

  /**
   * Checks {@code value > 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got '" + value + "'");
    }
    return value;
  }

  /**
   * Checks {@code value > 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got '" + value + "'");
    }
    return value;
  }

  /**
   * Checks {@code value >= 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got '" + value + "'");
    }
    return value;
  }

  /**
   * Checks {@code value >= 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static int nonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got '" + value + "'");
    }
    return value;
  }

  /**
   * Checks that a double is finite and {@code >= 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static double finiteNonNegative(double value, String name) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          name + " must be finite and >= 0, got '" + format(value) + "'");
    }
    return value;
  }

  /**
   * Checks that a double is finite and {@code > 0}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static double finitePositive(double value, String name) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(
          name + " must be finite and > 0, got '" + format(value) + "'");
    }
    return value;
  }

  /**
   * Checks that a double lies in {@code (0, 1]}.
   *
   * @param value the value
   * @param name the field name
   * @return the value
   */
  public static double fraction(double value, String name) {
    if (!Double.isFinite(value) || value <= 0 || value > 1) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got '" + format(value) + "'");
    }
    return value;
  }

  /**
   * Checks a condition on an argument.
   *
   * @param condition the condition
   * @param message the message when it does not hold
   */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * {@return a number formatted with {@link Locale#ROOT}, without trailing zeros}
   *
   * @param value the number
   */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }
}

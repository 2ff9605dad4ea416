package dev.afd.spi;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.internal.Checks;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One option a strategy declares: its key, type, default and description.
 *
 * <p>Values arrive as strings (command line, study files) and are parsed with the option's parser;
 * a bad value fails with a message naming the option. Immutable.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class OptionSpec<T> {
  private final String key;
  private final String description;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;

  private OptionSpec(
      String key,
      String description,
      T defaultValue,
      Function<String, T> parser,
      Function<T, String> formatter) {
    this.key = Checks.id(key, "option key");
    this.description = requireNonNull(description, "description");
    this.defaultValue = requireNonNull(defaultValue, "defaultValue");
    this.parser = requireNonNull(parser, "parser");
    this.formatter = requireNonNull(formatter, "formatter");
  }

  /**
   * {@return an integer option that must be {@code > 0}}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   */
  public static OptionSpec<Integer> positiveInt(String key, int defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> {
          int value = parseInt(key, text);
          if (value <= 0) {
            throw new AfdConfigurationException(
                "Option '" + key + "' must be a positive integer, got '" + text + "'");
          }
          return value;
        },
        String::valueOf);
  }

  /**
   * {@return a list of positive integers, written {@code "1,2,4,8"}}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   */
  public static OptionSpec<List<Integer>> intList(
      String key, List<Integer> defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        List.copyOf(defaultValue),
        text -> {
          List<Integer> values = new ArrayList<>();
          for (String part : text.split(",", -1)) {
            int value = parseInt(key, part.trim());
            if (value <= 0) {
              throw new AfdConfigurationException(
                  "Option '"
                      + key
                      + "' must be a comma-separated list of positive integers, got '"
                      + text
                      + "'");
            }
            values.add(value);
          }
          return List.copyOf(values);
        },
        values -> String.join(",", values.stream().map(String::valueOf).toList()));
  }

  /**
   * {@return a number option within {@code [min, max]}}
   *
   * @param key key
   * @param defaultValue default
   * @param min smallest allowed value
   * @param max largest allowed value
   * @param description description
   */
  public static OptionSpec<Double> number(
      String key, double defaultValue, double min, double max, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> {
          double value;
          try {
            value = Double.parseDouble(text.trim());
          } catch (NumberFormatException e) {
            value = Double.NaN;
          }
          if (!(value >= min && value <= max)) {
            throw new AfdConfigurationException(
                "Option '"
                    + key
                    + "' must be a number in ["
                    + Checks.format(min)
                    + ", "
                    + Checks.format(max)
                    + "], got '"
                    + text
                    + "'");
          }
          return value;
        },
        Checks::format);
  }

  /**
   * {@return a data-size option such as {@code "4 GiB"}}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   */
  public static OptionSpec<DataSize> dataSize(
      String key, DataSize defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> withKey(key, () -> DataSize.parse(text)),
        String::valueOf);
  }

  /**
   * {@return a time option such as {@code "50 ms"}}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   */
  public static OptionSpec<TimeSpan> timeSpan(
      String key, TimeSpan defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> withKey(key, () -> TimeSpan.parse(text)),
        String::valueOf);
  }

  /**
   * {@return a choice among fixed words}
   *
   * @param key key
   * @param defaultValue default, one of the choices
   * @param choices allowed words, in the order to list them
   * @param description description
   */
  public static OptionSpec<String> choice(
      String key, String defaultValue, List<String> choices, String description) {
    List<String> allowed = List.copyOf(choices);
    if (!allowed.contains(defaultValue)) {
      throw new IllegalArgumentException("default '" + defaultValue + "' is not among " + allowed);
    }
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> {
          String value = text.trim().toLowerCase(Locale.ROOT);
          if (!allowed.contains(value)) {
            throw new AfdConfigurationException(
                "Option '" + key + "' must be one of " + allowed + ", got '" + text + "'");
          }
          return value;
        },
        value -> value);
  }

  /**
   * {@return a yes/no option: {@code yes} or {@code true} turn it on, {@code no} or {@code false}
   * off (any case); written {@code yes} or {@code no}}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   * @since 0.2
   */
  public static OptionSpec<Boolean> flag(String key, boolean defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> {
          return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default ->
                throw new AfdConfigurationException(
                    "Option '" + key + "' must be yes or no, got '" + text + "'");
          };
        },
        value -> value ? "yes" : "no");
  }

  /**
   * {@return a list of choices, written {@code "a,b"}}
   *
   * @param key key
   * @param defaultValue default, each among the choices
   * @param choices allowed words
   * @param description description
   */
  public static OptionSpec<List<String>> choiceList(
      String key, List<String> defaultValue, List<String> choices, String description) {
    List<String> allowed = List.copyOf(choices);
    return new OptionSpec<>(
        key,
        description,
        List.copyOf(defaultValue),
        text -> {
          List<String> values = new ArrayList<>();
          for (String part : text.split(",", -1)) {
            String value = part.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
              throw new AfdConfigurationException(
                  "Option '"
                      + key
                      + "' must list values among "
                      + allowed
                      + ", got '"
                      + text
                      + "'");
            }
            values.add(value);
          }
          return List.copyOf(values);
        },
        values -> String.join(",", values));
  }

  /**
   * {@return a string option (for example a system id), any non-empty text}
   *
   * @param key key
   * @param defaultValue default
   * @param description description
   */
  public static OptionSpec<String> text(String key, String defaultValue, String description) {
    return new OptionSpec<>(
        key,
        description,
        defaultValue,
        text -> {
          if (text.isBlank()) {
            throw new AfdConfigurationException("Option '" + key + "' must not be empty");
          }
          return text.trim();
        },
        value -> value);
  }

  private static int parseInt(String key, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new AfdConfigurationException(
          "Option '" + key + "' must be an integer, got '" + text + "'", e);
    }
  }

  private static <T> T withKey(String key, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (AfdConfigurationException e) {
      throw new AfdConfigurationException("Option '" + key + "': " + e.getMessage(), e);
    }
  }

  /** {@return the key, kebab-case} */
  public String key() {
    return key;
  }

  /** {@return the description} */
  public String description() {
    return description;
  }

  /** {@return the default value} */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * {@return the value parsed from text}
   *
   * @param text the text
   * @throws AfdConfigurationException if the text is not a valid value
   */
  public T parse(String text) {
    return parser.apply(requireNonNull(text, "text"));
  }

  /**
   * {@return the value as text that {@link #parse} reads back}
   *
   * @param value the value
   */
  public String format(T value) {
    return formatter.apply(value);
  }

  @Override
  public String toString() {
    return key + "=" + format(defaultValue);
  }
}

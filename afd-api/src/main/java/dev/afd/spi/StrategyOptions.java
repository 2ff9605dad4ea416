package dev.afd.spi;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Option values for one strategy, parsed against the options it declares.
 *
 * <p>Immutable. Built by the engine (or the TCK) with {@link #parse}; unknown keys are rejected
 * before the strategy is created.
 *
 * @since 0.1
 */
public final class StrategyOptions {
  private final Map<String, Object> values;
  private final Map<String, String> raw;

  private StrategyOptions(Map<String, Object> values, Map<String, String> raw) {
    this.values = values;
    this.raw = raw;
  }

  /**
   * Parses raw values against declared options; missing keys take their defaults.
   *
   * @param strategyId the strategy, for messages
   * @param declared the declared options
   * @param raw key to text
   * @return the options
   * @throws AfdConfigurationException for an unknown key or a bad value
   */
  public static StrategyOptions parse(
      String strategyId, List<OptionSpec<?>> declared, Map<String, String> raw) {
    requireNonNull(strategyId, "strategyId");
    requireNonNull(declared, "declared");
    requireNonNull(raw, "raw");
    Map<String, OptionSpec<?>> byKey = new LinkedHashMap<>();
    for (OptionSpec<?> spec : declared) {
      byKey.put(spec.key(), spec);
    }
    for (String key : new TreeSet<>(raw.keySet())) {
      if (!byKey.containsKey(key)) {
        throw new AfdConfigurationException(
            "Strategy '"
                + strategyId
                + "' does not accept option '"
                + key
                + "'. Accepted options: "
                + new TreeSet<>(byKey.keySet()));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec<?> spec : declared) {
      String text = raw.get(spec.key());
      values.put(spec.key(), text == null ? spec.defaultValue() : spec.parse(text));
    }
    return new StrategyOptions(
        Collections.unmodifiableMap(values), Collections.unmodifiableMap(new TreeMap<>(raw)));
  }

  /**
   * {@return the options with every default}
   *
   * @param declared the declared options
   */
  public static StrategyOptions defaults(List<OptionSpec<?>> declared) {
    return parse("defaults", declared, Map.of());
  }

  /**
   * {@return the value of a declared option}
   *
   * @param option the option
   * @param <T> the value type
   * @throws IllegalArgumentException if the option was not declared
   */
  @SuppressWarnings("unchecked") // values.get(key) was produced by this very OptionSpec's parser.
  public <T> T get(OptionSpec<T> option) {
    Object value = values.get(option.key());
    if (value == null) {
      throw new IllegalArgumentException(
          "option '" + option.key() + "' was not declared; declared: " + values.keySet());
    }
    return (T) value;
  }

  /**
   * {@return whether the strategy declared an option}
   *
   * @param option the option
   * @since 0.2
   */
  public boolean declares(OptionSpec<?> option) {
    return values.containsKey(option.key());
  }

  /** {@return the values the user set explicitly, sorted by key} */
  public Map<String, String> explicitValues() {
    return raw;
  }
}

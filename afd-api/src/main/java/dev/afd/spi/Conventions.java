package dev.afd.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The modelling conventions a study runs under: for each named assumption where modelling tools
 * differ (how agg's TTFT is queued, what the AFD pipeline costs, ...), which profile's rule
 * applies.
 *
 * <p>A profile is a named set of rules: {@value #AFD} is afd's own physics (the default for every
 * assumption), other profiles (the engine ships {@code aic}, the rules of NVIDIA AIConfigurator)
 * replace some of them. Conventions change how a strategy prices and enumerates candidates, never
 * its SPI contract: a strategy reads {@link #follows(String, String)} for the assumptions it knows
 * and ignores the others. The engine validates assumption and profile ids before it builds a
 * context; the catalog of assumptions is {@code dev.afd.engine.conventions.ConventionProfiles}.
 *
 * <p>Built by the engine (or tests) with {@link #of}. Immutable and thread-safe; a final class so
 * it can grow.
 *
 * @since 0.2
 */
public final class Conventions {
  /** The profile of afd's own physics, which every assumption follows unless told otherwise. */
  public static final String AFD = "afd";

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private static final Conventions DEFAULTS = new Conventions(AFD, Map.of());

  private final String profile;
  // Assumption id → profile id, only where it differs from afd; sorted by assumption.
  private final Map<String, String> rules;

  private Conventions(String profile, Map<String, String> rules) {
    this.profile = profile;
    this.rules = rules;
  }

  /** {@return afd's own physics for every assumption} */
  public static Conventions defaults() {
    return DEFAULTS;
  }

  /**
   * {@return conventions named {@code profile} whose assumptions follow {@code rules}}
   *
   * @param profile a label for outputs: the profile's id, or the profile plus overrides
   * @param rules assumption id → profile id; assumptions left out follow {@value #AFD}
   * @throws IllegalArgumentException if an id is not lowercase kebab-case
   */
  public static Conventions of(String profile, Map<String, String> rules) {
    requireNonNull(profile, "profile");
    TreeMap<String, String> sorted = new TreeMap<>();
    rules.forEach(
        (assumption, rule) -> {
          checkId("assumption", assumption);
          checkId("profile", rule);
          if (!rule.equals(AFD)) {
            sorted.put(assumption, rule);
          }
        });
    if (sorted.isEmpty() && profile.equals(AFD)) {
      return DEFAULTS;
    }
    return new Conventions(profile, java.util.Collections.unmodifiableMap(sorted));
  }

  private static void checkId(String what, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " id must be lowercase kebab-case, got '" + id + "'");
    }
  }

  /** {@return the label of these conventions, for example {@code afd}, {@code aic}} */
  public String profile() {
    return profile;
  }

  /**
   * {@return the profile whose rule {@code assumption} follows ({@value #AFD} by default)}
   *
   * @param assumption an assumption id, for example {@code agg-ttft}
   */
  public String rule(String assumption) {
    return rules.getOrDefault(assumption, AFD);
  }

  /**
   * {@return whether {@code assumption} follows the rule of {@code profile}}
   *
   * @param assumption an assumption id, for example {@code agg-ttft}
   * @param profile a profile id, for example {@code aic}
   */
  public boolean follows(String assumption, String profile) {
    return rule(assumption).equals(profile);
  }

  /** {@return the assumptions that do not follow {@value #AFD}, sorted, with their profile} */
  public Map<String, String> rules() {
    return rules;
  }

  /** {@return whether every assumption follows {@value #AFD}} */
  public boolean isDefault() {
    return rules.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Conventions that
        && profile.equals(that.profile)
        && rules.equals(that.rules);
  }

  @Override
  public int hashCode() {
    return profile.hashCode() * 31 + rules.hashCode();
  }

  @Override
  public String toString() {
    return rules.isEmpty() ? profile : profile + rules;
  }
}

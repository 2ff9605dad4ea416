package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code afd validate} assumes where a silicon row is silent, each with its default and the
 * name a user passes to {@code --assume KEY=VALUE} to state it for a file whose runs they know.
 *
 * <p>The defaults are the sourced constants of {@code docs/accuracy.md}; an override applies to
 * every row of the run and is shown in every output, so a result is never read without it.
 *
 * @param mtpDraftTokens MTP draft tokens for models whose checkpoint ships an MTP layer ({@code
 *     mtp})
 * @param mtpAcceptance acceptance rate of the first draft, or NaN for the strategy default ({@code
 *     mtp-acceptance})
 * @param tokensPerIteration tokens an aggregated iteration schedules ({@code tokens-per-iteration})
 * @param requestsPerClient requests each closed-loop client sends in the run ({@code
 *     requests-per-client})
 * @param maxInferredDecodeBatch for disaggregated rows that give no decode worker count: the most
 *     sequences per attention rank the inferred worker count may leave ({@code
 *     max-inferred-decode-batch}); {@link Integer#MAX_VALUE} takes the fewest workers whose KV
 *     cache holds the clients
 */
public record ValidationAssumptions(
    int mtpDraftTokens,
    double mtpAcceptance,
    int tokensPerIteration,
    int requestsPerClient,
    int maxInferredDecodeBatch) {
  /** The keys {@code --assume} accepts, in the order outputs list them. */
  public static final List<String> KEYS =
      List.of(
          "mtp",
          "mtp-acceptance",
          "tokens-per-iteration",
          "requests-per-client",
          "max-inferred-decode-batch");

  /** Requests per client of the benchmark harnesses (see {@code Knobs.REQUESTS_PER_CLIENT}). */
  static final int DEFAULT_REQUESTS_PER_CLIENT = 10;

  /** The sourced defaults. */
  public static final ValidationAssumptions DEFAULTS =
      new ValidationAssumptions(
          RowMapper.MTP_DRAFT_TOKENS,
          Double.NaN,
          RowMapper.DEFAULT_TOKENS_PER_ITERATION,
          DEFAULT_REQUESTS_PER_CLIENT,
          Integer.MAX_VALUE);

  /** Checks ranges. */
  public ValidationAssumptions {
    if (mtpDraftTokens < 0 || mtpDraftTokens > 5) {
      throw invalid("mtp", String.valueOf(mtpDraftTokens), "a whole number from 0 to 5");
    }
    if (!Double.isNaN(mtpAcceptance) && !(mtpAcceptance >= 0 && mtpAcceptance <= 1)) {
      throw invalid("mtp-acceptance", String.valueOf(mtpAcceptance), "a number from 0 to 1");
    }
    if (tokensPerIteration < 1) {
      throw invalid(
          "tokens-per-iteration", String.valueOf(tokensPerIteration), "a whole number ≥ 1");
    }
    if (requestsPerClient < 1) {
      throw invalid("requests-per-client", String.valueOf(requestsPerClient), "a whole number ≥ 1");
    }
    if (maxInferredDecodeBatch < 1) {
      throw invalid(
          "max-inferred-decode-batch",
          String.valueOf(maxInferredDecodeBatch),
          "a whole number ≥ 1");
    }
  }

  /**
   * Parses {@code KEY=VALUE} entries over the defaults; a later entry for a key wins.
   *
   * @throws AfdConfigurationException naming the entry, the key or the value and what was expected
   */
  public static ValidationAssumptions parse(List<String> entries) {
    int mtp = DEFAULTS.mtpDraftTokens;
    double acceptance = DEFAULTS.mtpAcceptance;
    int tokens = DEFAULTS.tokensPerIteration;
    int requests = DEFAULTS.requestsPerClient;
    int maxBatch = DEFAULTS.maxInferredDecodeBatch;
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new AfdConfigurationException(
            "Assumption '" + entry + "' must be KEY=VALUE with KEY one of " + KEYS);
      }
      String key = entry.substring(0, equals).trim();
      String value = entry.substring(equals + 1).trim();
      switch (key) {
        case "mtp" -> mtp = whole(key, value, "a whole number from 0 to 5");
        case "mtp-acceptance" -> acceptance = number(key, value, "a number from 0 to 1");
        case "tokens-per-iteration" -> tokens = whole(key, value, "a whole number ≥ 1");
        case "requests-per-client" -> requests = whole(key, value, "a whole number ≥ 1");
        case "max-inferred-decode-batch" -> maxBatch = whole(key, value, "a whole number ≥ 1");
        default ->
            throw new AfdConfigurationException(
                "Assumption '" + key + "' is not known; expected one of " + KEYS);
      }
    }
    return new ValidationAssumptions(mtp, acceptance, tokens, requests, maxBatch);
  }

  /** {@return every key with its value, as {@code --assume} would take it} */
  public Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("mtp", String.valueOf(mtpDraftTokens));
    values.put(
        "mtp-acceptance", Double.isNaN(mtpAcceptance) ? "strategy default" : format(mtpAcceptance));
    values.put("tokens-per-iteration", String.valueOf(tokensPerIteration));
    values.put("requests-per-client", String.valueOf(requestsPerClient));
    values.put(
        "max-inferred-decode-batch",
        maxInferredDecodeBatch == Integer.MAX_VALUE
            ? "none (fewest workers)"
            : String.valueOf(maxInferredDecodeBatch));
    return values;
  }

  private static int whole(String key, String value, String expected) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  private static double number(String key, String value, String expected) {
    try {
      double parsed = Double.parseDouble(value);
      if (!Double.isFinite(parsed)) {
        throw invalid(key, value, expected);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  private static AfdConfigurationException invalid(String key, String value, String expected) {
    return new AfdConfigurationException(
        String.format(Locale.ROOT, "Assumption '%s' must be %s, got '%s'", key, expected, value));
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}

package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code afd validate} assumes where a silicon row is silent, each with its default and the
 * name a user passes to {@code --assume KEY=VALUE} to state it for a file whose runs they know.
 *
 * <p>The defaults are the sourced constants of {@code docs/accuracy.md}; an override applies to
 * every row of the run and is shown in every output, so a result is never read without it.
 *
 * @param mtpDraftTokens MTP draft tokens for models whose checkpoint ships an MTP layer ({@code
 *     mtp}), or {@link #RECIPE_MTP} for the depth the row's backend recipe runs
 * @param mtpAcceptance per-draft acceptance rates, comma-separated ({@code mtp-acceptance}), or
 *     null for the strategy default
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
    @Nullable String mtpAcceptance,
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

  /**
   * {@link #mtpDraftTokens} value ({@code --assume mtp=recipe}) that takes the depth the row
   * backend's serving recipe runs when MTP is on ({@link
   * dev.afd.engine.recipe.ServingRecipe#mtpDraftTokens}).
   */
  public static final int RECIPE_MTP = -1;

  /**
   * MTP draft tokens assumed where a row is silent: AIConfigurator models DeepseekV3ForCausalLM
   * with {@code nextn = 1} by default, and the checkpoints ship one MTP layer ({@code
   * num_nextn_predict_layers = 1}). The silicon rows do not say whether MTP ran; the backends' MTP
   * recipes run deeper (TensorRT-LLM 3 drafts under attention TP), but the same benchmarks also run
   * without MTP.
   */
  public static final int DEFAULT_MTP_DRAFT_TOKENS = 1;

  /** Requests per client of the benchmark harnesses (see {@code Knobs.REQUESTS_PER_CLIENT}). */
  static final int DEFAULT_REQUESTS_PER_CLIENT = 10;

  /** The sourced defaults. */
  public static final ValidationAssumptions DEFAULTS =
      new ValidationAssumptions(
          DEFAULT_MTP_DRAFT_TOKENS,
          null,
          RowMapper.DEFAULT_TOKENS_PER_ITERATION,
          DEFAULT_REQUESTS_PER_CLIENT,
          Integer.MAX_VALUE);

  /** Checks ranges. */
  public ValidationAssumptions {
    if (mtpDraftTokens < RECIPE_MTP || mtpDraftTokens > 5) {
      throw invalid(
          "mtp", String.valueOf(mtpDraftTokens), "a whole number from 0 to 5 or 'recipe'");
    }
    if (mtpAcceptance != null) {
      for (String rate : mtpAcceptance.split(",", -1)) {
        double parsed;
        try {
          parsed = Double.parseDouble(rate.trim());
        } catch (NumberFormatException e) {
          parsed = Double.NaN;
        }
        if (!(parsed >= 0 && parsed <= 1)) {
          throw invalid(
              "mtp-acceptance",
              mtpAcceptance,
              "comma-separated acceptance rates from 0 to 1, one per draft");
        }
      }
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
    String acceptance = DEFAULTS.mtpAcceptance;
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
        case "mtp" -> {
          mtp =
              value.equals("recipe")
                  ? RECIPE_MTP
                  : whole(key, value, "a whole number from 0 to 5 or 'recipe'");
          if (mtp < RECIPE_MTP) {
            throw invalid(key, value, "a whole number from 0 to 5 or 'recipe'");
          }
        }
        case "mtp-acceptance" -> acceptance = value;
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
    values.put(
        "mtp", mtpDraftTokens == RECIPE_MTP ? "backend recipe" : String.valueOf(mtpDraftTokens));
    values.put("mtp-acceptance", mtpAcceptance == null ? "strategy default" : mtpAcceptance);
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

  private static AfdConfigurationException invalid(String key, String value, String expected) {
    return new AfdConfigurationException(
        String.format(Locale.ROOT, "Assumption '%s' must be %s, got '%s'", key, expected, value));
  }
}

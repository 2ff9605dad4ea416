package dev.afd.engine.conventions;

import dev.afd.api.AfdConfigurationException;
import dev.afd.spi.Conventions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The conventions profiles afd knows: {@code afd} (its own physics, the default) and {@code aic}
 * (NVIDIA AIConfigurator, the framework of the reference study arXiv 2605.28302), and the
 * assumptions on which they differ, each with both rules and the source of AIConfigurator's. The
 * built-in strategies implement the rules (afd-strategies {@code AicRules}); this catalog is what
 * the CLI, study files and the attribution validate against and print. Stateless.
 */
public final class ConventionProfiles {
  /** AIConfigurator's profile id. */
  public static final String AIC = "aic";

  /**
   * One assumption where the profiles differ.
   *
   * @param id the assumption id, as given to {@code --convention ID=PROFILE}
   * @param strategies the built-in strategies whose pricing it changes
   * @param afdRule what afd assumes
   * @param aicRule what AIConfigurator assumes
   * @param source where AIConfigurator does it (github.com/ai-dynamo/aiconfigurator, commit
   *     095f58a51)
   */
  public record Assumption(
      String id, List<String> strategies, String afdRule, String aicRule, String source) {
    /** Copies the list. */
    public Assumption {
      strategies = List.copyOf(strategies);
    }
  }

  private static final List<Assumption> ASSUMPTIONS =
      List.of(
          new Assumption(
              "agg-ttft",
              List.of("agg", "agg-afd"),
              "⌈isl/(C − d)⌉ iterations that carry the prompt plus the M/D/1 wait at the prefill"
                  + " utilisation; a saturated chunk is infeasible",
              "one mixed step of a full chunk per ⌈isl/C⌉ × queuing factor min(2 + (⌈isl·b/C⌉ −"
                  + " 3)/20, 4); no saturation",
              "aic-core/src/aiconfigurator_core/sdk/backends/base_backend.py (run_agg,"
                  + " _ttft_queuing_factor, _mix_step_gen_tokens)"),
          new Assumption(
              "agg-tpot",
              List.of("agg"),
              "mean iteration: a share p/c of the iterations carries a chunk of min(isl, C − d)"
                  + " prompt tokens",
              "n = ⌈isl·b/C⌉ full-chunk mixed steps then decode-only steps; max(1, n − 3) of the"
                  + " mixed steps count in TPOT; throughput b·(osl − 1) per cycle",
              "aic-core/src/aiconfigurator_core/sdk/backends/trtllm_backend.py (_tpot_mix_steps),"
                  + " base_backend.py (run_agg)"),
          new Assumption(
              "pd-ttft",
              List.of("pd", "pd-afd"),
              "M/D/1 wait at the prefill pool's utilisation + prefill step + KV transfer",
              "prefill step × 1.1 × 1.8; no wait, no KV transfer",
              "src/aiconfigurator/sdk/task_v2.py (prefill_latency_correction 1.1),"
                  + " src/aiconfigurator/sdk/picking.py (_AUTOSCALE_TTFT_CORRECTION_FACTOR 1.8,"
                  + " _build_disagg_summary_dict)"),
          new Assumption(
              "pd-decode",
              List.of("pd"),
              "the decode step as priced",
              "decode step × 1.08",
              "src/aiconfigurator/sdk/task_v2.py (decode_latency_correction 1.08)"),
          new Assumption(
              "pd-rate-matching",
              List.of("pd", "pd-afd"),
              "prefill pool sized at prefill-utilization (0.7); decode throughput as priced",
              "prefill pool sized at 0.9 of its throughput; decode throughput × 0.92 (× 0.95 for"
                  + " an AFD decode pool)",
              "src/aiconfigurator/sdk/picking.py (_RATE_MATCHING_PREFILL_DEGRADATION_FACTOR,"
                  + " _RATE_MATCHING_DECODE_DEGRADATION_FACTOR),"
                  + " src/aiconfigurator/sdk/pareto_analysis.py (_AFD_DECODE_DEGRADATION)"),
          new Assumption(
              "afd-pipeline",
              List.of("agg-afd", "pd-afd"),
              "per layer max(M·a, M·c1, M·f, M·c2, a + c1 + f + c2), plus the drain",
              "fill a + c1 + f + c2 plus (M·L − 1) cycles of max(a, f, c1 + c2) when M ≥ 2 + (c1"
                  + " + c2)/max(a, f), else of max(a + c1, f + c2)",
              "src/aiconfigurator/sdk/inference_session.py (_pipeline_tcycle,"
                  + " _pipeline_global_step_latency; pipeline model optimistic)"),
          new Assumption(
              "memory",
              List.of("agg", "pd", "agg-afd", "pd-afd"),
              "activations 16 × hidden × activation bytes per token; one prompt in flight"
                  + " reserved in the KV cache",
              "activations max(70 MiB, 2·T·h·k_TP + DeepSeek MoE workspace), k_TP {1: 22, 2: 13,"
                  + " 4: 10, 8: 10} on every pool; no prompt in flight",
              "aic-core/src/aiconfigurator_core/sdk/backends/base_backend.py"
                  + " (_get_memory_usage, MIN_ACTIVATION_BYTES), trtllm_backend.py"
                  + " (ACTIVATION_COEFFICIENTS)"));

  private ConventionProfiles() {}

  /** {@return every assumption where the profiles differ, in a stable order} */
  public static List<Assumption> assumptions() {
    return ASSUMPTIONS;
  }

  /** {@return the profile ids: afd, aic} */
  public static List<String> profiles() {
    return List.of(Conventions.AFD, AIC);
  }

  /** {@return the assumption with this id} */
  public static Optional<Assumption> assumption(String id) {
    return ASSUMPTIONS.stream().filter(assumption -> assumption.id().equals(id)).findFirst();
  }

  /**
   * {@return a profile: every assumption follows it}
   *
   * @param profile afd or aic
   * @param subject the option or field that named it, for the error message
   * @throws AfdConfigurationException for an unknown profile
   */
  public static Conventions profile(String profile, String subject) {
    return resolve(profile, Map.of(), subject, subject);
  }

  /**
   * {@return the conventions of a profile with some assumptions overridden}
   *
   * @param profile afd or aic: the rule of every assumption not overridden
   * @param overrides assumption id → profile id
   * @param profileSubject the option or field that named the profile, for error messages
   * @param overrideSubject the option or field that gave the overrides, for error messages
   * @throws AfdConfigurationException for an unknown profile or assumption
   */
  public static Conventions resolve(
      String profile,
      Map<String, String> overrides,
      String profileSubject,
      String overrideSubject) {
    checkProfile(profileSubject, profile);
    Map<String, String> rules = new LinkedHashMap<>();
    for (Assumption assumption : ASSUMPTIONS) {
      rules.put(assumption.id(), profile);
    }
    TreeMap<String, String> sorted = new TreeMap<>(overrides);
    StringBuilder label = new StringBuilder(profile);
    for (Map.Entry<String, String> override : sorted.entrySet()) {
      if (assumption(override.getKey()).isEmpty()) {
        throw new AfdConfigurationException(
            String.format(
                java.util.Locale.ROOT,
                "%s: unknown assumption '%s'; expected one of %s",
                overrideSubject,
                override.getKey(),
                ids()));
      }
      checkProfile(overrideSubject + " " + override.getKey(), override.getValue());
      if (!override.getValue().equals(profile)) {
        label.append('+').append(override.getKey()).append('=').append(override.getValue());
      }
      rules.put(override.getKey(), override.getValue());
    }
    return Conventions.of(label.toString(), rules);
  }

  /**
   * Parses {@code ID=PROFILE} overrides as given on the command line.
   *
   * @param option the option, for error messages
   * @param values the values
   * @return assumption id → profile id, in the order given
   * @throws AfdConfigurationException for a value without '='
   */
  public static Map<String, String> parseOverrides(String option, List<String> values) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String value : values) {
      int equals = value.indexOf('=');
      if (equals <= 0 || equals == value.length() - 1) {
        throw new AfdConfigurationException(
            String.format(
                java.util.Locale.ROOT,
                "%s: '%s' is not ASSUMPTION=PROFILE; expected for example agg-ttft=aic",
                option,
                value));
      }
      overrides.put(value.substring(0, equals).trim(), value.substring(equals + 1).trim());
    }
    return overrides;
  }

  /**
   * {@return {@code base} with some assumptions overridden}
   *
   * @param base conventions, for example a study file's
   * @param overrides assumption id → profile id
   * @param subject the option or field that gave the overrides, for error messages
   * @throws AfdConfigurationException for an unknown profile or assumption
   */
  public static Conventions override(
      Conventions base, Map<String, String> overrides, String subject) {
    String profile = baseProfile(base);
    Map<String, String> rules = new TreeMap<>();
    for (Assumption assumption : ASSUMPTIONS) {
      if (!base.rule(assumption.id()).equals(profile)) {
        rules.put(assumption.id(), base.rule(assumption.id()));
      }
    }
    rules.putAll(overrides);
    return resolve(profile, rules, subject, subject);
  }

  /** {@return the profile conventions were built from: their label up to the first override} */
  public static String baseProfile(Conventions conventions) {
    String label = conventions.profile();
    int plus = label.indexOf('+');
    return plus < 0 ? label : label.substring(0, plus);
  }

  /** {@return the other profile: aic for afd and afd for aic} */
  public static String other(String profile) {
    return profile.equals(AIC) ? Conventions.AFD : AIC;
  }

  private static void checkProfile(String subject, String profile) {
    if (!profiles().contains(profile)) {
      throw new AfdConfigurationException(
          String.format(
              java.util.Locale.ROOT,
              "%s: unknown conventions profile '%s'; expected one of %s",
              subject,
              profile,
              profiles()));
    }
  }

  private static String ids() {
    return ASSUMPTIONS.stream().map(Assumption::id).collect(Collectors.joining(", ", "[", "]"));
  }
}

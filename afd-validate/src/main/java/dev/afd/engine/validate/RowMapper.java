package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.Precision;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a silicon row into fully specified estimates: the catalog model (weights re-quantized as
 * the row says), the system sized to the deployment, the workload (isl, osl, no reused prefix) and
 * the strategy with every option narrowed to the row's value and closed-loop arrivals at the row's
 * concurrency. Rows afd cannot express come back as {@link Skipped} with the reason.
 */
public final class RowMapper {
  /**
   * Tokens per iteration the backends schedule by default, the {@code chunk} of agg: TensorRT-LLM's
   * {@code max_num_tokens} defaults to 8192 (TensorRT-LLM {@code BuildConfig}/{@code LlmArgs};
   * AIConfigurator's {@code TRTLLM_DEFAULT_MAX_NUM_TOKENS}). SGLang's {@code chunked_prefill_size}
   * and vLLM's {@code max_num_batched_tokens} default to 8192 on the GPUs here in the versions
   * sampled; they vary with version and GPU memory, so those rows carry this as an assumption.
   */
  public static final int DEFAULT_TOKENS_PER_ITERATION = 8192;

  /** Hugging Face ids of the silicon sample → catalog ids (same architecture and checkpoint). */
  static final Map<String, String> MODELS = models();

  /** AIConfigurator system names → afd systems. */
  static final Map<String, String> SYSTEMS = systems();

  private final AfdEngine engine;
  private final ValidationAssumptions assumed;

  /** A row turned into estimates to try in order (the first feasible one counts). */
  public sealed interface Mapping permits Mapped, Skipped {
    /** {@return the row} */
    SiliconRow row();
  }

  /**
   * One estimate of a row.
   *
   * @param scenario model, cluster, budget, workload
   * @param run the strategy with narrowed options
   * @param assumptions what the row did not say and the mapping assumed, empty if nothing
   */
  public record Attempt(Scenario scenario, StrategyRun run, String assumptions) {}

  /**
   * A row afd can express.
   *
   * @param row the row
   * @param attempts estimates to try in order
   */
  public record Mapped(SiliconRow row, List<Attempt> attempts) implements Mapping {
    /** Copies. */
    public Mapped {
      requireNonNull(row, "row");
      attempts = List.copyOf(attempts);
    }
  }

  /**
   * A row afd cannot express.
   *
   * @param row the row
   * @param reason why, a sentence fragment
   */
  public record Skipped(SiliconRow row, String reason) implements Mapping {}

  /** Creates a mapper over an engine's catalogs with the default assumptions. */
  public RowMapper(AfdEngine engine) {
    this(engine, ValidationAssumptions.DEFAULTS);
  }

  /** Creates a mapper over an engine's catalogs with what to assume where a row is silent. */
  public RowMapper(AfdEngine engine, ValidationAssumptions assumed) {
    this.engine = requireNonNull(engine, "engine");
    this.assumed = requireNonNull(assumed, "assumed");
  }

  private static Map<String, String> models() {
    Map<String, String> models = new LinkedHashMap<>();
    models.put("deepseek-ai/DeepSeek-V3", "deepseek-v3");
    models.put("deepseek-ai/DeepSeek-R1", "deepseek-r1");
    // NVIDIA's NVFP4 re-quantizations of the same checkpoints (model cards on the Hub).
    models.put("nvidia/DeepSeek-R1-NVFP4", "deepseek-r1");
    models.put("Qwen/Qwen3-235B-A22B-FP8", "qwen3-235b-a22b");
    models.put("Qwen/Qwen3-32B", "qwen3-32b");
    models.put("nvidia/Qwen3-32B-NVFP4", "qwen3-32b");
    models.put("meta-llama/Llama-3.1-70B", "llama-3.1-70b");
    models.put("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b");
    models.put("nvidia/Llama-3.1-8B-Instruct-FP8", "llama-3.1-8b");
    models.put("openai/gpt-oss-120b", "gpt-oss-120b");
    models.put("MiniMaxAI/MiniMax-M2.5", "minimax-m2.5");
    models.put("zhipuai/GLM-5", "glm-5");
    return java.util.Collections.unmodifiableMap(models);
  }

  private static Map<String, String> systems() {
    Map<String, String> systems = new LinkedHashMap<>();
    systems.put("h100_sxm", "h100-nvl8");
    systems.put("h200_sxm", "h200-nvl8");
    systems.put("b200_sxm", "b200-nvl8");
    systems.put("b300_sxm", "b300-nvl8");
    systems.put("gb200", "gb200-nvl72");
    systems.put("gb300", "gb300-nvl72");
    return java.util.Collections.unmodifiableMap(systems);
  }

  /** {@return the precision of a quantization mode, empty for an unknown mode} */
  static Optional<Precision> precision(String mode) {
    return switch (mode) {
      case "fp8" -> Optional.of(Precision.FP8);
      case "fp8_block" -> Optional.of(Precision.FP8_BLOCK);
      case "nvfp4" -> Optional.of(Precision.NVFP4);
      case "mxfp4", "w4a8_mxfp4_fp8", "w4a16_mxfp4" -> Optional.of(Precision.MXFP4);
      case "int4_wo" -> Optional.of(Precision.INT4);
      case "bfloat16", "float16" -> Optional.of(Precision.BF16);
      default -> Optional.empty();
    };
  }

  /** {@return the row as estimates, or why it cannot be expressed} */
  public Mapping map(SiliconRow row) {
    String modelId = MODELS.get(row.modelPath());
    if (modelId == null) {
      return new Skipped(row, "model '" + row.modelPath() + "' is not in the catalog");
    }
    Optional<MoeModelSpec> catalog = engine.findModel(modelId);
    if (catalog.isEmpty()) {
      return new Skipped(row, "model '" + modelId + "' is not in the catalog");
    }
    String systemId = SYSTEMS.get(row.system());
    Optional<SystemSpec> system = systemId == null ? Optional.empty() : engine.findSystem(systemId);
    if (system.isEmpty()) {
      return new Skipped(row, "system '" + row.system() + "' has no afd system");
    }
    Backend backend;
    try {
      backend = Backend.of(row.backend());
    } catch (AfdConfigurationException unknown) {
      return new Skipped(row, "backend '" + row.backend() + "' has no serving recipe");
    }
    ServingRecipe recipe = ServingRecipe.of(backend);
    MoeModelSpec model = catalog.get();
    Optional<Precision> gemm = quant(row.gemmQuant());
    if (gemm == null) {
      return new Skipped(row, "GEMM quantization '" + row.gemmQuant() + "' is not supported");
    }
    Optional<Precision> moe = quant(row.moeQuant());
    if (moe == null) {
      return new Skipped(row, "MoE quantization '" + row.moeQuant() + "' is not supported");
    }
    AcceleratorSpec accelerator = system.get().accelerator();
    model = recipe.apply(model, gemm.orElse(null), moe.orElse(null), accelerator);
    WorkloadSpec workload =
        new WorkloadSpec(
            String.format(Locale.ROOT, "isl%d-osl%d", row.isl(), row.osl()),
            0,
            row.isl(),
            row.osl());
    if (row.osl() < 2) {
      return new Skipped(row, "osl " + row.osl() + " has no TPOT");
    }
    return switch (row.mode()) {
      case "agg" -> agg(row, model, system.get(), workload, recipe);
      case "disagg" -> disagg(row, model, system.get(), workload, recipe);
      default -> new Skipped(row, "mode '" + row.mode() + "' is neither 'agg' nor 'disagg'");
    };
  }

  /** {@return empty for the catalog's format, the stated format, or null for an unknown mode} */
  private static @Nullable Optional<Precision> quant(String mode) {
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    Optional<Precision> precision = precision(mode);
    return precision.isEmpty() ? null : precision;
  }

  private static boolean hasExperts(MoeModelSpec model) {
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        if (block instanceof MoeFfnBlock) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@return the pool with an absent attention_dp_size read as 1, AIConfigurator's default (no
   * attention data parallelism)}
   */
  static SiliconRow.Pool normalized(SiliconRow.Pool pool) {
    if (pool.dataParallel() > 0 || pool.tensorParallel() < 1) {
      return pool;
    }
    return new SiliconRow.Pool(
        pool.batch(),
        pool.workers(),
        pool.tensorParallel(),
        pool.pipelineParallel(),
        1,
        pool.moeTensorParallel(),
        pool.expertParallel());
  }

  private static String layoutProblem(SiliconRow.Pool pool, String name, MoeModelSpec model) {
    if (pool.tensorParallel() < 1 || pool.dataParallel() < 1) {
      return name + " pool has no attention layout (tp and attention_dp_size must be >= 1)";
    }
    // In long: the columns are ints, and their product sizes the system.
    long width = (long) pool.tensorParallel() * pool.dataParallel();
    if (width > SystemSpec.MAX_DEVICES) {
      return tooManyDevices(name + " pool", width);
    }
    if (pool.pipelineParallel() > 1) {
      return name
          + " pool uses pipeline parallelism (pp "
          + pool.pipelineParallel()
          + "), not modelled";
    }
    if (hasExperts(model)) {
      if (pool.moeTensorParallel() < 1 || pool.expertParallel() < 1) {
        return name + " pool has no MoE layout (moe_tp_size and moe_ep_size must be >= 1)";
      }
      if (width != (long) pool.moeTensorParallel() * pool.expertParallel()) {
        return String.format(
            Locale.ROOT,
            "%s pool attention width tp %d × dp %d differs from MoE width moe_tp %d × ep %d",
            name,
            pool.tensorParallel(),
            pool.dataParallel(),
            pool.moeTensorParallel(),
            pool.expertParallel());
      }
    }
    return "";
  }

  /**
   * {@return {@code devices} rounded up to whole nodes of {@code system}, the size the row's system
   * is given; the callers skip a row where it exceeds {@link SystemSpec#MAX_DEVICES}}
   */
  private static long inWholeNodes(SystemSpec system, long devices) {
    long node = system.dimensions().get(0).size();
    return Math.max(node, (devices + node - 1) / node * node);
  }

  private static String tooManyDevices(String what, long devices) {
    return String.format(
        Locale.ROOT,
        "%s needs %d devices in whole nodes, more than afd models (%d, SystemSpec.MAX_DEVICES)",
        what,
        devices,
        SystemSpec.MAX_DEVICES);
  }

  /** {@return the devices of a disagg deployment, in long: worker counts are the row's ints} */
  private static long deploymentDevices(
      SiliconRow.Pool prefill, int prefillWorkers, SiliconRow.Pool decode, int decodeWorkers) {
    return (long) decodeWorkers * decode.devices()
        + (long) (prefillWorkers >= 1 ? prefillWorkers : MAX_CHOSEN_PREFILL_WORKERS)
            * prefill.devices();
  }

  private static void layout(
      Map<String, String> options, String prefix, SiliconRow.Pool pool, MoeModelSpec model) {
    options.put(prefix + "tp", String.valueOf(pool.tensorParallel()));
    options.put(prefix + "dp", String.valueOf(pool.dataParallel()));
    if (hasExperts(model)) {
      options.put(prefix + "moe-tp", String.valueOf(pool.moeTensorParallel()));
      options.put(prefix + "ep", String.valueOf(pool.expertParallel()));
    } else {
      // Dense FFNs follow the attention layout: TP shards them, DP replicates them.
      options.put(prefix + "moe-tp", String.valueOf(pool.tensorParallel()));
      options.put(prefix + "ep", String.valueOf(pool.dataParallel()));
    }
  }

  private static Scenario scenario(
      MoeModelSpec model, SystemSpec system, int devices, WorkloadSpec workload) {
    ClusterSpec cluster =
        ClusterSpec.of(system.withDeviceCount((int) inWholeNodes(system, devices)));
    return new Scenario(model, cluster, devices, workload, SloSpec.unbounded());
  }

  /**
   * Adds what every row assumes alike: speculative decoding (the recipe's depth for the row's
   * attention layout unless {@code --assume mtp} states one) and the benchmark's run length.
   */
  private void common(
      Map<String, String> options,
      List<String> assumptions,
      MoeModelSpec model,
      ServingRecipe recipe,
      int attentionDataParallel) {
    int recipeDrafts = recipe.mtpDraftTokens(model, attentionDataParallel);
    boolean fromRecipe = assumed.mtpDraftTokens() == ValidationAssumptions.RECIPE_MTP;
    int drafts = recipeDrafts == 0 ? 0 : fromRecipe ? recipeDrafts : assumed.mtpDraftTokens();
    if (drafts > 0) {
      options.put("mtp", String.valueOf(drafts));
      String origin =
          fromRecipe
              ? recipe.backend().id() + " recipe, --assume mtp=recipe"
              : assumed.mtpDraftTokens() == ValidationAssumptions.DEFAULT_MTP_DRAFT_TOKENS
                  ? "AIConfigurator default"
                  : "--assume";
      assumptions.add(
          "MTP speculative decoding with "
              + drafts
              + (drafts == 1 ? " draft token" : " draft tokens")
              + " ("
              + origin
              + ")");
      if (assumed.mtpAcceptance() != null) {
        options.put("mtp-acceptance", assumed.mtpAcceptance());
        assumptions.add("draft acceptance " + assumed.mtpAcceptance() + " (--assume)");
      }
    }
    if (assumed.requestsPerClient() != ValidationAssumptions.DEFAULT_REQUESTS_PER_CLIENT) {
      options.put("requests-per-client", String.valueOf(assumed.requestsPerClient()));
      assumptions.add(assumed.requestsPerClient() + " requests per client (--assume)");
    }
  }

  private Mapping agg(
      SiliconRow row,
      MoeModelSpec model,
      SystemSpec system,
      WorkloadSpec workload,
      ServingRecipe recipe) {
    SiliconRow.Pool pool = normalized(row.agg());
    String problem = layoutProblem(pool, "agg", model);
    if (!problem.isEmpty()) {
      return new Skipped(row, problem);
    }
    if (inWholeNodes(system, pool.devices()) > SystemSpec.MAX_DEVICES) {
      return new Skipped(row, tooManyDevices("agg pool", inWholeNodes(system, pool.devices())));
    }
    if (row.concurrency() < 1) {
      return new Skipped(row, "agg row has no concurrency (batch_size)");
    }
    List<String> assumptions = new ArrayList<>();
    int perRank =
        (int) ((row.concurrency() + (long) pool.dataParallel() - 1) / pool.dataParallel());
    if (perRank * pool.dataParallel() != row.concurrency()) {
      assumptions.add(
          String.format(
              Locale.ROOT,
              "concurrency %d over %d attention-DP ranks rounded up to %d per rank",
              row.concurrency(),
              pool.dataParallel(),
              perRank));
    }
    int tokens = assumed.tokensPerIteration();
    if (tokens != DEFAULT_TOKENS_PER_ITERATION) {
      assumptions.add("tokens per iteration " + tokens + " (--assume)");
    } else if (!row.backend().equals("trtllm")) {
      assumptions.add("tokens per iteration " + tokens + " (backend default assumed)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    layout(options, "", pool, model);
    options.put("batch", String.valueOf(perRank));
    options.put("chunk", String.valueOf(Math.max(tokens, perRank + 1L)));
    options.put("arrivals", "closed-loop");
    common(options, assumptions, model, recipe, pool.dataParallel());
    return new Mapped(
        row,
        List.of(
            new Attempt(
                scenario(model, system, pool.devices(), workload),
                new StrategyRun("agg", options),
                String.join("; ", assumptions))));
  }

  /** Most prefill workers the pool rule may choose when a row gives none. */
  static final int MAX_CHOSEN_PREFILL_WORKERS = 32;

  /** Decode worker counts tried, fewest first, when a row does not give them. */
  static final int[] INFERRED_DECODE_WORKERS = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};

  private Mapping disagg(
      SiliconRow row,
      MoeModelSpec model,
      SystemSpec system,
      WorkloadSpec workload,
      ServingRecipe recipe) {
    SiliconRow.Pool prefill = normalized(row.prefill());
    SiliconRow.Pool decode = normalized(row.decode());
    String problem = layoutProblem(prefill, "prefill", model);
    if (problem.isEmpty()) {
      problem = layoutProblem(decode, "decode", model);
    }
    if (!problem.isEmpty()) {
      return new Skipped(row, problem);
    }
    int prefillWorkers = prefill.workers();
    List<String> assumptions = new ArrayList<>();
    Map<String, String> speculative = new LinkedHashMap<>();
    common(speculative, assumptions, model, recipe, decode.dataParallel());
    if (prefillWorkers < 1) {
      assumptions.add(
          "prefill workers sized by afd's pool rule for the decode pool's request rate (row gives"
              + " none)");
    }
    int prefillBatch = Math.max(1, prefill.batch());
    List<Attempt> attempts = new ArrayList<>();
    // Every attempt serves the row's pools; they differ in the decode workers and batch.
    DecodeAttempt attemptWith =
        (workers, batch, notes) ->
            attempt(
                model,
                system,
                workload,
                prefill,
                prefillWorkers,
                prefillBatch,
                decode,
                workers,
                batch,
                speculative,
                String.join("; ", notes));
    if (decode.workers() >= 1 && decode.batch() >= 1) {
      long devices =
          inWholeNodes(
              system, deploymentDevices(prefill, prefillWorkers, decode, decode.workers()));
      if (devices > SystemSpec.MAX_DEVICES) {
        return new Skipped(row, tooManyDevices("disagg deployment", devices));
      }
      attempts.add(attemptWith.attempt(decode.workers(), decode.batch(), assumptions));
    } else {
      if (row.concurrency() < 1) {
        return new Skipped(row, "disagg row has neither decode batch and workers nor concurrency");
      }
      long fewestDevices =
          inWholeNodes(system, deploymentDevices(prefill, prefillWorkers, decode, 1));
      if (fewestDevices > SystemSpec.MAX_DEVICES) {
        return new Skipped(row, tooManyDevices("disagg deployment", fewestDevices));
      }
      for (int workers : INFERRED_DECODE_WORKERS) {
        int ranks = workers * decode.dataParallel();
        if (ranks > row.concurrency()
            || inWholeNodes(system, deploymentDevices(prefill, prefillWorkers, decode, workers))
                > SystemSpec.MAX_DEVICES) {
          break;
        }
        int batch = (int) ((row.concurrency() + (long) ranks - 1) / ranks);
        if (batch > assumed.maxInferredDecodeBatch()) {
          continue;
        }
        List<String> these = new ArrayList<>(assumptions);
        these.add(
            assumed.maxInferredDecodeBatch() == Integer.MAX_VALUE
                ? String.format(
                    Locale.ROOT,
                    "%d decode workers, the fewest whose KV cache holds concurrency %d (row gives"
                        + " none)",
                    workers,
                    row.concurrency())
                : String.format(
                    Locale.ROOT,
                    "%d decode workers, the fewest whose KV cache holds concurrency %d at ≤ %d"
                        + " sequences per rank (row gives none; --assume)",
                    workers,
                    row.concurrency(),
                    assumed.maxInferredDecodeBatch()));
        attempts.add(attemptWith.attempt(workers, batch, these));
      }
      if (attempts.isEmpty()) {
        return new Skipped(
            row,
            assumed.maxInferredDecodeBatch() == Integer.MAX_VALUE
                ? "disagg row has fewer clients than decode ranks"
                : "disagg row gives no decode workers and no inferred count keeps its clients at"
                    + " or under the assumed sequences per rank");
      }
    }
    return new Mapped(row, attempts);
  }

  /** A disaggregated attempt of one row, given its decode workers, batch and assumptions. */
  private interface DecodeAttempt {
    Attempt attempt(int workers, int batch, List<String> assumptions);
  }

  private static Attempt attempt(
      MoeModelSpec model,
      SystemSpec system,
      WorkloadSpec workload,
      SiliconRow.Pool prefill,
      int prefillWorkers,
      int prefillBatch,
      SiliconRow.Pool decode,
      int decodeWorkers,
      int decodeBatch,
      Map<String, String> speculative,
      String assumptions) {
    Map<String, String> options = new LinkedHashMap<>();
    layout(options, "", decode, model);
    options.put("batch", String.valueOf(decodeBatch));
    options.put("decode-workers", String.valueOf(decodeWorkers));
    layout(options, "prefill-", prefill, model);
    options.put("prefill-workers", prefillWorkers >= 1 ? String.valueOf(prefillWorkers) : "choose");
    options.put("prefill-batch", String.valueOf(prefillBatch));
    options.put("arrivals", "closed-loop");
    options.putAll(speculative);
    // At most SystemSpec.MAX_DEVICES: the callers check before they build an attempt.
    int devices = (int) deploymentDevices(prefill, prefillWorkers, decode, decodeWorkers);
    return new Attempt(
        scenario(model, system, devices, workload), new StrategyRun("pd", options), assumptions);
  }
}

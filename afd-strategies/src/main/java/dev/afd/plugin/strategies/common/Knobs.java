package dev.afd.plugin.strategies.common;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.unit.DataSize;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyOptions;
import java.util.ArrayList;
import java.util.List;

/** Options (knob ranges and modelling parameters) the built-in strategies share. */
public final class Knobs {
  private Knobs() {}

  private static final String[] SMALL_NUMBERS = new String[4097];

  static {
    for (int value = 0; value < SMALL_NUMBERS.length; value++) {
      SMALL_NUMBERS[value] = Integer.toString(value);
    }
  }

  /**
   * {@return {@code value} as a knob value, {@link String#valueOf(int)}; shared strings for values
   * up to 4096, which cover every knob, so candidates build their knob maps without allocating
   * text}
   */
  public static String text(int value) {
    return value >= 0 && value < SMALL_NUMBERS.length
        ? SMALL_NUMBERS[value]
        : String.valueOf(value);
  }

  /** Attention tensor-parallel degrees. */
  public static final OptionSpec<List<Integer>> TENSOR_PARALLEL =
      OptionSpec.intList("tp", List.of(1, 2, 4, 8), "attention tensor-parallel degrees to try");

  /** Attention data-parallel degrees. */
  public static final OptionSpec<List<Integer>> DATA_PARALLEL =
      OptionSpec.intList(
          "dp", List.of(1, 2, 4, 8, 16, 32), "attention data-parallel degrees to try");

  /** MoE tensor-parallel degrees. */
  public static final OptionSpec<List<Integer>> MOE_TENSOR_PARALLEL =
      OptionSpec.intList("moe-tp", List.of(1, 2, 4, 8), "MoE tensor-parallel degrees to try");

  /** Expert-parallel degrees. */
  public static final OptionSpec<List<Integer>> EXPERT_PARALLEL =
      OptionSpec.intList(
          "ep", List.of(1, 2, 4, 8, 16, 32, 64, 128), "expert-parallel degrees to try");

  /** Decode batch per attention data-parallel rank. */
  public static final OptionSpec<List<Integer>> BATCH =
      OptionSpec.intList(
          "batch",
          List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512),
          "decode sequences per attention data-parallel rank to try");

  /** Chunk token budgets for chunked prefill. */
  public static final OptionSpec<List<Integer>> CHUNK =
      OptionSpec.intList(
          "chunk", List.of(512, 1024, 2048, 4096, 8192), "tokens per iteration (chunk budget)");

  /** Prefill batch per data-parallel rank of a prefill worker. */
  public static final OptionSpec<List<Integer>> PREFILL_BATCH =
      OptionSpec.intList("prefill-batch", List.of(1, 2, 4, 8), "requests per prefill step");

  /** Decode workers (or AFD units) to try. */
  public static final OptionSpec<List<Integer>> DECODE_WORKERS =
      OptionSpec.intList(
          "decode-workers", List.of(1, 2, 4, 8, 16, 32, 64), "decode workers (pool size) to try");

  /** Micro-batches in flight in an AFD pipeline. */
  public static final OptionSpec<List<Integer>> MICRO_BATCHES =
      OptionSpec.intList(
          "micro-batches", List.of(1, 2, 3, 4), "micro-batches in flight in the AFD pipeline");

  /**
   * Busiest expert device's load over the mean. 1.0 = perfectly balanced. The default 1.3 is the
   * order of imbalance EPLB-style rebalancing leaves on DeepSeek-V3 decode (DeepSeek-V3 technical
   * report §3.4 motivates redundant experts for exactly this skew); set it per deployment.
   */
  public static final OptionSpec<Double> EXPERT_IMBALANCE =
      OptionSpec.number(
          "expert-imbalance", 1.3, 1.0, 16.0, "busiest expert device's load over the mean");

  /**
   * Memory per device reserved for the runtime: AIConfigurator's system files reserve 3.5 GiB for
   * the framework ("other_mem") plus 392 MiB of NCCL buffers for 8 GPUs ("nccl_mem").
   */
  public static final OptionSpec<DataSize> RUNTIME_RESERVE =
      OptionSpec.dataSize(
          "runtime-reserve",
          DataSize.ofMebibytes(3584 + 392),
          "memory per device reserved for framework, CUDA graphs and communication buffers");

  /**
   * Target utilization of the prefill capacity: prefill pools are sized so that arrivals use this
   * share of it, and the M/D/1 waiting time at this load goes into TTFT.
   */
  public static final OptionSpec<Double> PREFILL_UTILIZATION =
      OptionSpec.number(
          "prefill-utilization",
          0.7,
          0.05,
          0.99,
          "target utilization of prefill capacity (sets pool size and queueing in TTFT)");

  /** Whether the decode side already holds the reused prefix KV (prefix cache). */
  public static final OptionSpec<Boolean> PREFIX_ON_DECODE =
      OptionSpec.flag(
          "prefix-on-decode",
          true,
          "whether decode workers already hold the reused prefix KV (else it is transferred)");

  /** Whether the KV transfer overlaps the prefill layer by layer. */
  public static final OptionSpec<Boolean> OVERLAP_KV_TRANSFER =
      OptionSpec.flag(
          "overlap-kv-transfer",
          true,
          "send KV layer by layer during prefill (only the last layer's share shows in TTFT)");

  /** Router placement in AFD. */
  public static final OptionSpec<List<String>> ROUTER =
      OptionSpec.choiceList(
          "router",
          List.of("attention", "ffn"),
          List.of("attention", "ffn"),
          "where the MoE router runs under AFD");

  /** Activation precision of AFD dispatch (A2F). */
  public static final OptionSpec<String> DISPATCH_PRECISION =
      OptionSpec.choice(
          "dispatch-precision",
          "fp8",
          List.of("fp8", "bf16"),
          "format of activations sent from attention to FFN devices");

  /**
   * How requests arrive. {@code poisson}: an open Poisson stream at the rate the deployment
   * sustains (M/D/1 waiting in TTFT). {@code closed-loop}: a fixed number of clients, each sending
   * its next request as soon as the previous one completes, as benchmark tools run at a fixed
   * concurrency (the concurrency is the decode batch per attention data-parallel rank times ranks
   * and workers); see {@link ClosedLoop}.
   */
  public static final OptionSpec<String> ARRIVALS =
      OptionSpec.choice(
          "arrivals",
          "poisson",
          List.of("closed-loop", "poisson"),
          "request arrivals: open Poisson stream, or a closed loop of batch-many clients");

  /**
   * Requests each client of a closed loop sends in a benchmark run. All clients start at once, so
   * the first round's requests queue behind each other for prefill; the mean TTFT over the run
   * weighs that round by {@code 1/R}. Default 10: benchmark harnesses run ten requests per client
   * (AIConfigurator's TensorRT-LLM agg model assumes "requests 10x of concurrency", {@code
   * trtllm_backend.py}; InferenceMAX runs {@code num_prompts = 10 × concurrency}).
   */
  public static final OptionSpec<Double> REQUESTS_PER_CLIENT =
      OptionSpec.number(
          "requests-per-client",
          10,
          1,
          1e6,
          "closed loop: requests each client sends in the run (the first round starts at once)");

  /**
   * Draft tokens of multi-token-prediction speculative decoding (DeepSeek-V3's MTP module,
   * TensorRT-LLM {@code num_nextn_predict_layers}). 0 = off. With {@code n} drafts every decode
   * step runs {@code 1 + n} query tokens per sequence through the model plus {@code n} MTP layers
   * and emits {@code 1 + E} tokens per sequence on average ({@link Speculation}).
   */
  public static final OptionSpec<Double> MTP =
      OptionSpec.number(
          "mtp", 0, 0, 5, "multi-token-prediction draft tokens per decode step (0 = off)");

  /**
   * Acceptance rate of each MTP draft, comma-separated: entry {@code j} is the probability that
   * draft {@code j} is accepted when every earlier draft was. Default {@link
   * Speculation#DEFAULT_ACCEPTANCE_TEXT}, from TensorRT-LLM's DeepSeek-R1 MTP measurements (mean
   * tokens per step 1.92, 2.58, 2.82, 2.99, 3.01 at depth 1 to 5); drafts beyond a shorter list
   * take the default's rates.
   */
  public static final OptionSpec<String> MTP_ACCEPTANCE =
      OptionSpec.text(
          "mtp-acceptance",
          Speculation.DEFAULT_ACCEPTANCE_TEXT,
          "acceptance rate of each MTP draft given the earlier ones, comma-separated");

  /**
   * Which attention layouts the serving backend runs: {@code any} combines attention tensor and
   * data parallelism freely; {@code tp-or-dp} never has both above 1 (TensorRT-LLM: with {@code
   * enable_attention_dp} every rank holds whole heads). Set by the backend's serving recipe.
   */
  public static final OptionSpec<String> ATTENTION_LAYOUTS =
      OptionSpec.choice(
          "attention-layouts",
          "any",
          List.of("any", "tp-or-dp"),
          "attention layouts the backend runs: any TP × DP, or TP or DP alone (TensorRT-LLM)");

  /** Fixed prefill attention tensor-parallel degree, or {@code choose}. */
  public static final OptionSpec<String> PREFILL_TENSOR_PARALLEL =
      fixedOrChoose("prefill-tp", "prefill attention tensor-parallel degree");

  /** Fixed prefill attention data-parallel degree, or {@code choose}. */
  public static final OptionSpec<String> PREFILL_DATA_PARALLEL =
      fixedOrChoose("prefill-dp", "prefill attention data-parallel degree");

  /** Fixed prefill MoE tensor-parallel degree, or {@code choose}. */
  public static final OptionSpec<String> PREFILL_MOE_TENSOR_PARALLEL =
      fixedOrChoose("prefill-moe-tp", "prefill MoE tensor-parallel degree");

  /** Fixed prefill expert-parallel degree, or {@code choose}. */
  public static final OptionSpec<String> PREFILL_EXPERT_PARALLEL =
      fixedOrChoose("prefill-ep", "prefill expert-parallel degree");

  /** Fixed prefill worker count, or {@code choose} (sized for the decode pool's request rate). */
  public static final OptionSpec<String> PREFILL_WORKERS =
      fixedOrChoose("prefill-workers", "prefill workers");

  /**
   * What a prefill worker of {@code pd-afd} is: {@code pool}, an aggregated replica (attention and
   * FFN on the same devices), or {@code afd}, an attention-FFN unit of its own whose micro-batches
   * pipeline the prompt ({@link #PREFILL_MICRO_BATCHES}), as AIConfigurator's AFD session prices
   * its prefill phase ({@code src/aiconfigurator/sdk/inference_session.py}, {@code
   * run_afd_prefill}).
   */
  public static final OptionSpec<String> PREFILL_WORKER =
      OptionSpec.choice(
          "prefill-worker",
          "pool",
          List.of("pool", "afd"),
          "pd-afd prefill workers: aggregated replicas (pool) or attention-FFN units (afd)");

  /**
   * Micro-batches in flight in an AFD prefill unit ({@link #PREFILL_WORKER} {@code afd}). The
   * default 4 is the prefill micro-batch count the reference study uses for AFD prefill (arXiv
   * 2605.28302, as issue 15 reports it).
   */
  public static final OptionSpec<List<Integer>> PREFILL_MICRO_BATCHES =
      OptionSpec.intList(
          "prefill-micro-batches",
          List.of(4),
          "micro-batches in flight in an AFD prefill unit (prefill-worker=afd)");

  /**
   * {@return the fixed value of a {@link #fixedOrChoose} option, or 0 for {@code choose}}
   *
   * @throws AfdConfigurationException when the value is neither {@code choose} nor a positive
   *     integer
   */
  public static int fixed(StrategyOptions options, OptionSpec<String> option) {
    String value = options.get(option);
    if (value.equals(CHOOSE)) {
      return 0;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AfdConfigurationException(
        "Option '"
            + option.key()
            + "' must be 'choose' or a positive integer, got '"
            + value
            + "'");
  }

  private static final String CHOOSE = "choose";

  private static OptionSpec<String> fixedOrChoose(String key, String what) {
    return OptionSpec.text(
        key, CHOOSE, what + ": a positive integer, or \"choose\" to let the strategy size it");
  }

  /** {@link #REPLICA_SYSTEM} value that tries every system of the cluster. */
  public static final String EVERY_SYSTEM = "every";

  /** System of the cluster that aggregated replicas run on, or {@link #EVERY_SYSTEM}. */
  public static final OptionSpec<String> REPLICA_SYSTEM =
      OptionSpec.text(
          "system",
          EVERY_SYSTEM,
          "system of the cluster the replicas run on: \"every\" tries each system a replica fits,"
              + " \"primary\" the first, or a system id");

  /** System of the cluster that prefill devices come from. */
  public static final OptionSpec<String> PREFILL_SYSTEM = system("prefill");

  /** System of the cluster that decode devices come from. */
  public static final OptionSpec<String> DECODE_SYSTEM = system("decode");

  /** System of the cluster that attention devices come from. */
  public static final OptionSpec<String> ATTENTION_SYSTEM = system("attention");

  /** System of the cluster that FFN devices come from. */
  public static final OptionSpec<String> FFN_SYSTEM = system("ffn");

  /** The deployment layout every built-in strategy searches: TP, layouts, DP, MoE TP, EP, batch. */
  public static final List<OptionSpec<?>> LAYOUT =
      List.of(
          TENSOR_PARALLEL,
          ATTENTION_LAYOUTS,
          DATA_PARALLEL,
          MOE_TENSOR_PARALLEL,
          EXPERT_PARALLEL,
          BATCH);

  /** A prefill pool beside the decode pool: its batch and the decode workers. */
  public static final List<OptionSpec<?>> POOLS = List.of(PREFILL_BATCH, DECODE_WORKERS);

  /** The attention-FFN pipeline: micro-batches, where the router runs, the dispatch format. */
  public static final List<OptionSpec<?>> AFD_PIPELINE =
      List.of(MICRO_BATCHES, ROUTER, DISPATCH_PRECISION);

  /** Memory: the expert load imbalance and the runtime reserve. */
  public static final List<OptionSpec<?>> MEMORY = List.of(EXPERT_IMBALANCE, RUNTIME_RESERVE);

  /** The KV hand-off from a prefill pool: its utilisation, prefix placement, overlap, system. */
  public static final List<OptionSpec<?>> KV_HANDOFF =
      List.of(PREFILL_UTILIZATION, PREFIX_ON_DECODE, OVERLAP_KV_TRANSFER, PREFILL_SYSTEM);

  /** Closed-loop load and MTP speculative decoding. */
  public static final List<OptionSpec<?>> LOAD_AND_MTP =
      List.of(ARRIVALS, REQUESTS_PER_CLIENT, MTP, MTP_ACCEPTANCE);

  /** The prefill pool's fixed layout and worker count ({@link PrefillPool} reads them). */
  public static final List<OptionSpec<?>> PREFILL_POOL =
      List.of(
          PREFILL_TENSOR_PARALLEL,
          PREFILL_DATA_PARALLEL,
          PREFILL_MOE_TENSOR_PARALLEL,
          PREFILL_EXPERT_PARALLEL,
          PREFILL_WORKERS);

  /**
   * {@return options and groups of options in order, flattened}
   *
   * @param optionsAndGroups each an {@link OptionSpec} or a list of them
   */
  public static List<OptionSpec<?>> options(Object... optionsAndGroups) {
    List<OptionSpec<?>> options = new ArrayList<>();
    for (Object item : optionsAndGroups) {
      if (item instanceof OptionSpec<?> option) {
        options.add(option);
      } else {
        for (Object option : (List<?>) item) {
          options.add((OptionSpec<?>) option);
        }
      }
    }
    return List.copyOf(options);
  }

  private static OptionSpec<String> system(String role) {
    return OptionSpec.text(
        role + "-system",
        "primary",
        "system of the cluster the " + role + " devices come from (\"primary\" = the first)");
  }
}

package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.Precision;
import dev.afd.engine.internal.kerneldb.FamilyLookup;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import dev.afd.engine.internal.kerneldb.KernelFamilies;
import dev.afd.engine.internal.kerneldb.KernelFamily;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.Prediction;
import dev.afd.engine.internal.kerneldb.SystemLookups;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Prices operators from measured kernel tables (an AIConfigurator-format kernel database), with the
 * roofline where no table covers the operator.
 *
 * <p>A model prices for one serving backend ({@link #backend()}: {@code trtllm}, {@code vllm} or
 * {@code sglang}) and reads only that backend's tables, the newest version of each; a family the
 * backend lacks falls back to the roofline, never to another backend's table. Several databases may
 * be stacked: for each system, the last database that has tables of the backend supplies all of
 * them. Each accelerator id maps to one database system ({@link #systemsByAccelerator()}, from the
 * {@link dev.afd.spi.KernelDatabaseProvider}s). An operator is mapped onto its table's keys (see
 * {@code docs/accuracy.md}, "Kernel cost model"):
 *
 * <ul>
 *   <li>{@link GemmOperator} with {@code batch = 1}: {@code gemm} with {@code gemm_dtype} from the
 *       weight precision (BF16/FP16 → bfloat16, FP8 → fp8, FP8_BLOCK → fp8_block, NVFP4/MXFP4 →
 *       nvfp4); n, k, m interpolated. A batched GEMM with MLA's shape (n, k) = (512, 128) or (128,
 *       512) uses {@code mla_bmm}; any other batched GEMM is priced as {@code batch} GEMMs.
 *   <li>{@link AttentionKind#GQA}: {@code context_attention} (prefill, isl = new tokens; a cached
 *       prefix rescales by the roofline and is marked EXTRAPOLATED) or {@code generation_attention}
 *       (one new token, step = cached tokens), keyed by KV dtype, window, head dim and KV heads.
 *   <li>{@link AttentionKind#MLA_UNABSORBED} → {@code context_mla}, {@link
 *       AttentionKind#MLA_ABSORBED} → {@code generation_mla}: both tables time the attention kernel
 *       only; the projections and the absorption BMMs are separate operators priced from {@code
 *       gemm} and {@code mla_bmm}, so nothing is counted twice. The whole-module tables ({@code
 *       mla_*_module}, {@code dsa_*_module}) include projections and are not used.
 *   <li>{@link MoeOperator} → {@code moe}: tokens reaching the expert-parallel group, model shape,
 *       top-k, experts, MoE TP and EP must match a measured configuration; {@code loadImbalance =
 *       1} reads the {@code balanced} rows, anything above reads {@code power_law_1.01}
 *       (AIConfigurator's default routing skew), whose measured times already contain the skew.
 *   <li>Sparse attention (DSA), state-space scans and memory-bound operators use the roofline.
 * </ul>
 *
 * <p>Between grid points latencies are interpolated; beyond the grid the boundary utilisation
 * (roofline ÷ measured) is kept and rescaled by the roofline; with no matching table the fallback
 * roofline gives the time. Every {@link OperatorTime} carries its {@link Fidelity} and source
 * table, for example {@code h200_sxm/gemm_perf}.
 *
 * <p>Tables are read on first use and indexed once; results are memoised. Instances are
 * thread-safe.
 */
public final class MeasuredKernelCostModel implements KernelCostModel {
  /** The id of this model. */
  public static final String ID = "measured";

  /** Most memoised operator times before the memo is emptied. */
  public static final int MEMO_CAPACITY = 1 << 16;

  private static final String NON_GATED_KERNEL = "moe_torch_flow_nongated";
  private static final int MLA_LATENT_RANK = 512;
  private static final int MLA_HEAD_WIDTH = 128;
  private static final int MLA_QUERY_KEY_WIDTH = 192;
  private static final int MLA_LATENT_WIDTH = 576;

  /** The serving backend a model prices for unless told otherwise. */
  public static final String DEFAULT_BACKEND = "trtllm";

  private final List<KernelDatabase> databases;
  private final String backend;
  private final Map<String, String> systemsByAccelerator;
  private final RooflineCostModel fallback;
  private final Map<String, SystemLookups> lookups;
  private final ConcurrentHashMap<MemoKey, OperatorTime> memo = new ConcurrentHashMap<>();

  private MeasuredKernelCostModel(
      List<KernelDatabase> databases,
      String backend,
      Map<String, String> systemsByAccelerator,
      RooflineCostModel fallback) {
    this.databases = List.copyOf(databases);
    this.backend = backend;
    this.systemsByAccelerator = Collections.unmodifiableMap(new TreeMap<>(systemsByAccelerator));
    this.fallback = fallback;
    // Later databases override earlier ones per system and backend; nothing is read here.
    Map<String, SystemLookups> bySystem = new TreeMap<>();
    for (KernelDatabase database : this.databases) {
      for (String system : database.systemNames()) {
        KernelSystem tables = database.system(system);
        if (SystemLookups.hasBackend(tables, backend)) {
          bySystem.put(system, new SystemLookups(tables, backend));
        }
      }
    }
    this.lookups = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
  }

  /**
   * Creates a model over an opened database.
   *
   * @param database the kernel database
   * @param systemsByAccelerator accelerator id to database system; accelerators not listed, or
   *     whose system the database lacks, are priced by {@code fallback}
   * @param fallback the roofline for operators and accelerators without tables
   */
  public static MeasuredKernelCostModel create(
      KernelDatabase database,
      Map<String, String> systemsByAccelerator,
      RooflineCostModel fallback) {
    requireNonNull(database, "database");
    return create(List.of(database), DEFAULT_BACKEND, systemsByAccelerator, fallback);
  }

  /**
   * Creates a model for one serving backend over stacked databases.
   *
   * @param databases the databases, lowest priority first: for each system, the last database with
   *     tables of {@code backend} supplies all of them
   * @param backend the serving backend whose tables are used, for example {@code trtllm}; NCCL
   *     tables are shared by every backend
   * @param systemsByAccelerator accelerator id to database system; accelerators not listed, or
   *     whose system has no table of the backend, are priced by {@code fallback}
   * @param fallback the roofline for operators and accelerators without tables
   */
  public static MeasuredKernelCostModel create(
      List<KernelDatabase> databases,
      String backend,
      Map<String, String> systemsByAccelerator,
      RooflineCostModel fallback) {
    requireNonNull(databases, "databases");
    requireNonNull(backend, "backend");
    requireNonNull(systemsByAccelerator, "systemsByAccelerator");
    requireNonNull(fallback, "fallback");
    if (databases.isEmpty()) {
      throw new IllegalArgumentException("databases is empty; give at least one kernel database");
    }
    return new MeasuredKernelCostModel(databases, backend, systemsByAccelerator, fallback);
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@return the database with the highest priority (the last one)} */
  public KernelDatabase database() {
    return databases.get(databases.size() - 1);
  }

  /** {@return the stacked databases, lowest priority first} */
  public List<KernelDatabase> databases() {
    return databases;
  }

  /** {@return the serving backend whose tables this model reads, for example {@code trtllm}} */
  public String backend() {
    return backend;
  }

  /** {@return the accelerator id to system mapping, sorted by accelerator id} */
  public Map<String, String> systemsByAccelerator() {
    return systemsByAccelerator;
  }

  /** {@return the roofline used where no table applies} */
  public RooflineCostModel fallback() {
    return fallback;
  }

  /** {@return the database system an accelerator's operators are looked up in, if any} */
  public Optional<String> systemFor(String acceleratorId) {
    String system = systemsByAccelerator.get(acceleratorId);
    return system != null && lookups.containsKey(system) ? Optional.of(system) : Optional.empty();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Results are memoised per operator and accelerator instance (strategies price the same shapes
   * many times); the memo holds at most {@value #MEMO_CAPACITY} entries and is emptied when full.
   * Not per accelerator id: a strategy may price views of one accelerator that share its id and
   * differ in a rate (an SRAM-bandwidth view), and keyed by id they overwrote each other in an
   * order set by the threads.
   */
  @Override
  public OperatorTime time(Operator operator, AcceleratorSpec accelerator) {
    requireNonNull(operator, "operator");
    requireNonNull(accelerator, "accelerator");
    MemoKey key = new MemoKey(operator, accelerator);
    OperatorTime time = memo.get(key);
    if (time == null) {
      time = timeWithoutMemo(operator, accelerator);
      if (memo.size() >= MEMO_CAPACITY) {
        memo.clear();
      }
      memo.put(key, time);
    }
    return time;
  }

  /**
   * The accelerator is compared by identity: records compare all their fields, which would cost
   * more than the lookup saves, and equal specs in different instances only cost a second entry.
   */
  private record MemoKey(Operator operator, AcceleratorSpec accelerator) {
    @Override
    public boolean equals(Object other) {
      return other instanceof MemoKey key
          && key.accelerator == accelerator
          && key.operator.equals(operator);
    }

    @Override
    public int hashCode() {
      return 31 * operator.hashCode() + System.identityHashCode(accelerator);
    }
  }

  /** {@return the time of an operator, looked up in the tables without the memo} */
  public OperatorTime timeWithoutMemo(Operator operator, AcceleratorSpec accelerator) {
    requireNonNull(operator, "operator");
    requireNonNull(accelerator, "accelerator");
    if (operator instanceof CollectiveOperator) {
      return fallback.time(operator, accelerator);
    }
    String system = systemsByAccelerator.get(accelerator.id());
    SystemLookups tables = system == null ? null : lookups.get(system);
    if (tables != null) {
      OperatorTime measured = measured(tables, operator, accelerator);
      if (measured != null) {
        return measured;
      }
    }
    return fallback.time(operator, accelerator);
  }

  private @Nullable OperatorTime measured(
      SystemLookups tables, Operator operator, AcceleratorSpec accelerator) {
    if (operator instanceof GemmOperator gemm) {
      return gemm(tables, gemm);
    }
    if (operator instanceof AttentionOperator attention) {
      return switch (attention.kind()) {
        case GQA -> gqa(tables, attention, accelerator);
        case MLA_UNABSORBED -> contextMla(tables, attention, accelerator);
        case MLA_ABSORBED -> generationMla(tables, attention);
        case SPARSE_MLA, SPARSE_INDEXER -> null;
      };
    }
    if (operator instanceof MoeOperator moe) {
      return moe(tables, moe);
    }
    return null;
  }

  private static @Nullable OperatorTime gemm(SystemLookups tables, GemmOperator gemm) {
    if (gemm.batch() > 1) {
      OperatorTime batched = mlaBmm(tables, gemm);
      if (batched != null) {
        return batched;
      }
    }
    String type = gemmDataType(gemm.weightPrecision());
    if (type == null) {
      return null;
    }
    OperatorTime one =
        lookup(
            tables,
            KernelFamilies.GEMM,
            new String[] {null, type},
            new double[] {gemm.n(), gemm.k(), gemm.m()});
    if (one == null || gemm.batch() == 1) {
      return one;
    }
    return new OperatorTime(one.seconds() * gemm.batch(), one.fidelity(), one.source());
  }

  private static @Nullable OperatorTime mlaBmm(SystemLookups tables, GemmOperator gemm) {
    String operation;
    if (gemm.n() == MLA_LATENT_RANK && gemm.k() == MLA_HEAD_WIDTH) {
      operation = "mla_gen_pre";
    } else if (gemm.n() == MLA_HEAD_WIDTH && gemm.k() == MLA_LATENT_RANK) {
      operation = "mla_gen_post";
    } else {
      return null;
    }
    String type = gemm.weightPrecision().bits() <= 8 ? "fp8" : "bfloat16";
    return lookup(
        tables,
        KernelFamilies.MLA_BMM,
        new String[] {operation, null, type},
        new double[] {gemm.batch(), gemm.m()});
  }

  private @Nullable OperatorTime gqa(
      SystemLookups tables, AttentionOperator attention, AcceleratorSpec accelerator) {
    if (attention.qkHeadDim() != attention.vHeadDim()) {
      return null;
    }
    String cacheType = cacheDataType(attention.kvPrecision());
    long context = attention.cachedTokens() + attention.newTokens();
    // A window no shorter than the context is no window.
    long window = attention.span() >= context ? 0 : attention.span();
    String headDimension = Integer.toString(attention.qkHeadDim());
    String keyValueHeads = Integer.toString(attention.kvHeads());
    if (attention.isDecode()) {
      return lookup(
          tables,
          KernelFamilies.GENERATION_ATTENTION,
          new String[] {null, cacheType, Long.toString(window), headDimension, keyValueHeads},
          new double[] {attention.heads(), attention.sequences(), attention.cachedTokens()});
    }
    String attentionType = attention.activationPrecision().bits() <= 8 ? "fp8" : "bfloat16";
    long prefillWindow = attention.span() >= attention.newTokens() ? 0 : attention.span();
    OperatorTime withoutPrefix =
        lookup(
            tables,
            KernelFamilies.CONTEXT_ATTENTION,
            new String[] {
              null,
              attentionType,
              cacheType,
              Long.toString(prefillWindow),
              headDimension,
              keyValueHeads
            },
            new double[] {attention.heads(), attention.sequences(), attention.newTokens()});
    return withPrefix(withoutPrefix, attention, accelerator);
  }

  private @Nullable OperatorTime contextMla(
      SystemLookups tables, AttentionOperator attention, AcceleratorSpec accelerator) {
    if (attention.qkHeadDim() != MLA_QUERY_KEY_WIDTH || attention.vHeadDim() != MLA_HEAD_WIDTH) {
      return null;
    }
    OperatorTime withoutPrefix =
        lookup(
            tables,
            KernelFamilies.CONTEXT_MLA,
            new String[] {null, cacheDataType(attention.kvPrecision())},
            new double[] {attention.heads(), attention.sequences(), attention.newTokens()});
    return withPrefix(withoutPrefix, attention, accelerator);
  }

  private static @Nullable OperatorTime generationMla(
      SystemLookups tables, AttentionOperator attention) {
    if (!attention.isDecode()
        || attention.qkHeadDim() != MLA_LATENT_WIDTH
        || attention.vHeadDim() != MLA_LATENT_RANK) {
      return null;
    }
    return lookup(
        tables,
        KernelFamilies.GENERATION_MLA,
        new String[] {null, cacheDataType(attention.kvPrecision())},
        new double[] {attention.heads(), attention.sequences(), attention.cachedTokens()});
  }

  /**
   * Context tables measure prefill without a cached prefix; a prefix (chunked prefill) scales the
   * measured time by the roofline's ratio, and the result counts as extrapolated.
   */
  private @Nullable OperatorTime withPrefix(
      @Nullable OperatorTime withoutPrefix,
      AttentionOperator attention,
      AcceleratorSpec accelerator) {
    if (withoutPrefix == null || attention.cachedTokens() == 0) {
      return withoutPrefix;
    }
    AttentionOperator fresh =
        new AttentionOperator(
            attention.name(),
            attention.kind(),
            attention.sequences(),
            attention.newTokens(),
            0,
            attention.heads(),
            attention.kvHeads(),
            attention.qkHeadDim(),
            attention.vHeadDim(),
            attention.span(),
            attention.kvBytesPerToken(),
            attention.kvPrecision(),
            attention.activationPrecision());
    double ratio = fallback.seconds(attention, accelerator) / fallback.seconds(fresh, accelerator);
    return new OperatorTime(
        withoutPrefix.seconds() * ratio, Fidelity.EXTRAPOLATED, withoutPrefix.source());
  }

  /**
   * Gated experts run the fastest kernel measured for the shape, as a backend's MoE backend
   * selection does (TensorRT-LLM picks its low-latency TRTLLM-gen kernel for small token counts and
   * CUTLASS or DeepGEMM for large ones; the table holds each as a {@code kernel_source}). Non-gated
   * experts have one kernel.
   */
  private static @Nullable OperatorTime moe(SystemLookups tables, MoeOperator moe) {
    String type = moeDataType(moe.weightPrecision(), moe.activationPrecision());
    if (type == null) {
      return null;
    }
    Optional<FamilyLookup> lookup = tables.family(KernelFamilies.MOE);
    if (lookup.isEmpty()) {
      return null;
    }
    if (!moe.gated()) {
      return moeKernel(tables, lookup.get(), moe, type, NON_GATED_KERNEL);
    }
    OperatorTime fastest = null;
    for (String kernel : gatedKernels(lookup.get())) {
      OperatorTime time = moeKernel(tables, lookup.get(), moe, type, kernel);
      if (time != null && (fastest == null || time.seconds() < fastest.seconds())) {
        fastest = time;
      }
    }
    return fastest;
  }

  /** {@return the table's gated-expert kernel sources, sorted (ties go to the first)} */
  private static List<String> gatedKernels(FamilyLookup lookup) {
    java.util.TreeSet<String> kernels = new java.util.TreeSet<>();
    for (List<String> combination : lookup.combinations()) {
      if (!combination.get(0).equals(NON_GATED_KERNEL)) {
        kernels.add(combination.get(0));
      }
    }
    return List.copyOf(kernels);
  }

  private static @Nullable OperatorTime moeKernel(
      SystemLookups tables, FamilyLookup lookup, MoeOperator moe, String type, String kernel) {
    String[] categories = {
      kernel,
      type,
      moe.loadImbalance() == 1 ? "balanced" : "power_law_1.01",
      Long.toString(moe.hiddenSize()),
      Long.toString(moe.intermediateSize()),
      Integer.toString(moe.topK()),
      Integer.toString(moe.expertCount()),
      Integer.toString(moe.tensorParallel()),
      Integer.toString(moe.expertParallel())
    };
    if (lookup.resolve(categories).isEmpty()) {
      return null;
    }
    return lookup(tables, KernelFamilies.MOE, categories, new double[] {moe.tokens()});
  }

  @Override
  public Optional<OperatorTime> measuredCollective(
      CollectiveOperator collective, AcceleratorSpec accelerator) {
    requireNonNull(collective, "collective");
    String system = systemsByAccelerator.get(requireNonNull(accelerator, "accelerator").id());
    SystemLookups tables = system == null ? null : lookups.get(system);
    return Optional.ofNullable(tables == null ? null : allReduce(tables, collective));
  }

  /**
   * An all-reduce among at most one node's GPUs from the {@code custom_allreduce} table
   * (TensorRT-LLM's NVLink all-reduce); bf16 messages of {@code bytes / 2} elements. Other
   * collectives, other group sizes and sizes outside the grid return null (the network model prices
   * them).
   */
  private static @Nullable OperatorTime allReduce(
      SystemLookups tables, CollectiveOperator collective) {
    if (collective.kind() != CollectiveKind.ALL_REDUCE || collective.groupSize() < 2) {
      return null;
    }
    OperatorTime time =
        lookup(
            tables,
            KernelFamilies.CUSTOM_ALL_REDUCE,
            new String[] {null, "bfloat16", Integer.toString(collective.groupSize())},
            new double[] {Math.max(1, collective.bytes() / ALL_REDUCE_BYTES_PER_ELEMENT)});
    return time == null || time.fidelity() == Fidelity.EXTRAPOLATED ? null : time;
  }

  /** Bytes per element of the measured all-reduce messages (bfloat16). */
  private static final double ALL_REDUCE_BYTES_PER_ELEMENT = 2;

  private static @Nullable OperatorTime lookup(
      SystemLookups tables, KernelFamily family, @Nullable String[] categories, double[] axes) {
    Optional<FamilyLookup> lookup = tables.family(family);
    if (lookup.isEmpty()) {
      return null;
    }
    Optional<Prediction> prediction = lookup.get().predict(categories, axes);
    if (prediction.isEmpty()) {
      return null;
    }
    Prediction value = prediction.get();
    return new OperatorTime(
        value.latencySeconds(), fidelity(value.method()), lookup.get().source());
  }

  private static Fidelity fidelity(Prediction.Method method) {
    return switch (method) {
      case EXACT -> Fidelity.MEASURED;
      case INTERPOLATED -> Fidelity.INTERPOLATED;
      case EXTRAPOLATED -> Fidelity.EXTRAPOLATED;
    };
  }

  /** {@return the {@code gemm_dtype} for a weight precision, or null if no table holds it} */
  static @Nullable String gemmDataType(Precision weights) {
    return switch (weights) {
      case BF16, FP16 -> "bfloat16";
      case FP8 -> "fp8";
      case FP8_BLOCK -> "fp8_block";
      case NVFP4, MXFP4 -> "nvfp4";
      case FP32, INT8, INT4 -> null;
    };
  }

  /** {@return the {@code moe_dtype} for expert weights and activations, or null if none fits} */
  static @Nullable String moeDataType(Precision weights, Precision activations) {
    return switch (weights) {
      case BF16, FP16 -> "bfloat16";
      case FP8 -> "fp8";
      case FP8_BLOCK -> "fp8_block";
      case NVFP4 -> "nvfp4";
      case MXFP4 -> activations.bits() <= 8 ? "w4a8_mxfp4_mxfp8" : "w4a16_mxfp4";
      case FP32, INT8, INT4 -> null;
    };
  }

  /** {@return the {@code kv_cache_dtype} of a KV precision: fp8 for 8 bits or fewer} */
  static String cacheDataType(Precision kv) {
    return kv.bits() <= 8 ? "fp8" : "bfloat16";
  }

  @Override
  public String toString() {
    List<Path> directories = databases.stream().map(KernelDatabase::systemsDirectory).toList();
    return "MeasuredKernelCostModel["
        + directories
        + ", "
        + backend
        + ", "
        + systemsByAccelerator
        + "]";
  }
}

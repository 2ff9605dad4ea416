package dev.afd.plugin.strategies.common;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyOptions;
import dev.afd.strategykit.Memory;
import dev.afd.strategykit.PricedStep;
import dev.afd.strategykit.Queueing;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.Side;
import dev.afd.strategykit.StepPricer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The prefill pool of a disaggregated deployment: every prefill worker layout the options allow,
 * priced once per strategy instance, and the choice of layout and worker count for a given request
 * rate (docs/strategies.md).
 *
 * <p>A worker prefills {@code batch} requests per data-parallel rank in one step of {@code T_p}
 * (only the {@code isl} new tokens; the prefix KV is resident), so it serves {@code μ = dp · batch
 * / T_p} requests per second. The pool gets {@code N_p = ⌈R / (ρ·μ)⌉} workers for target
 * utilization {@code ρ} ({@link Knobs#PREFILL_UTILIZATION}); TTFT adds the M/D/1 wait at the actual
 * utilization, the step itself and the KV transfer. Thread-safe once built.
 */
public final class PrefillPool {
  /**
   * One priced prefill worker layout.
   *
   * @param width the attention and FFN layout
   * @param microBatches micro-batches of an attention-FFN prefill unit ({@link
   *     Knobs#PREFILL_WORKER} {@code afd}); 0 for an aggregated worker, whose attention and FFN
   *     share its devices
   * @param batch prompts per attention data-parallel rank and step
   * @param stepSeconds one step
   * @param requestsPerSecond requests one worker serves per second
   * @param memory per-device memory of each device group of the worker
   * @param fidelitySeconds operator seconds per fidelity of one step
   */
  public record Option(
      Parallelism.Width width,
      int microBatches,
      int batch,
      double stepSeconds,
      double requestsPerSecond,
      List<MemoryUsage> memory,
      double[] fidelitySeconds) {

    /** Copies the memory list. */
    public Option {
      memory = List.copyOf(memory);
    }

    /** {@return devices per worker} */
    public int devices() {
      return microBatches > 0 ? width.attentionDevices() + width.ffnDevices() : width.devices();
    }
  }

  /** The pool chosen for a request rate. */
  public record Choice(
      Option option, int workers, double utilization, double ttftSeconds, double kvSeconds) {
    /** {@return devices of the whole pool} */
    public int devices() {
      return workers * option.devices();
    }

    /**
     * {@return whether the pool cannot keep up with the request rate (utilisation ≥ 1): only a
     * fixed worker count ({@code prefill-workers}) can be, and then an open-loop queue grows
     * without bound}
     */
    public boolean saturated() {
      return !(utilization < 1);
    }

    /** {@return why a saturated pool makes the candidate infeasible, for a result's reason} */
    public String saturationReason(double requestsPerSecond) {
      return String.format(
          Locale.ROOT,
          "prefill pool of %d worker(s) × %d devices is saturated at %.2f requests/s (utilisation"
              + " %.2f ≥ 1): give it more prefill-workers or let afd choose them",
          workers,
          option.devices(),
          requestsPerSecond,
          utilization);
    }

    /** {@return knobs describing the pool} */
    public Map<String, String> knobs() {
      ImmutableOrderedMap.Builder<String, String> knobs = ImmutableOrderedMap.builder(6);
      describe(knobs);
      return knobs.build();
    }

    /** Puts the knobs describing the pool into {@code knobs}. */
    public void describe(ImmutableOrderedMap.Builder<String, String> knobs) {
      knobs
          .put("prefill-tp", Knobs.text(option.width().tensorParallel()))
          .put("prefill-dp", Knobs.text(option.width().dataParallel()))
          .put("prefill-moe-tp", Knobs.text(option.width().moeTensorParallel()))
          .put("prefill-ep", Knobs.text(option.width().expertParallel()))
          .put("prefill-batch", Knobs.text(option.batch()))
          .put("prefill-workers", Knobs.text(workers));
      if (option.microBatches() > 0) {
        knobs.put("prefill-micro-batches", Knobs.text(option.microBatches()));
      }
    }
  }

  private final List<Option> options;
  private final int fixedWorkers;
  private final double targetUtilization;
  private final WorkloadSpec workload;

  /**
   * Prices every prefill layout.
   *
   * @param context the strategy context
   * @param pricer the pricer (placement on the prefill system)
   * @param placement where prefill workers run
   */
  public PrefillPool(StrategyContext context, StepPricer pricer, StepPricer.Placement placement) {
    this.workload = context.workload();
    // AIConfigurator sizes the pool to its throughput × 0.9 (AicRules.PD_RATE_MATCHING).
    this.targetUtilization =
        AicRules.follows(context, AicRules.PD_RATE_MATCHING)
            ? AicRules.PREFILL_DEGRADATION
            : context.options().get(Knobs.PREFILL_UTILIZATION);
    this.aicTtft = AicRules.follows(context, AicRules.PD_TTFT);
    boolean aicMemory = AicRules.follows(context, AicRules.MEMORY);
    this.imbalance = context.options().get(Knobs.EXPERT_IMBALANCE);
    this.systemIndex = placement.systemIndex();
    DataSize reserve = context.options().get(Knobs.RUNTIME_RESERVE);
    MoeModelSpec model = context.model();
    this.fixedWorkers = Knobs.fixed(context.options(), Knobs.PREFILL_WORKERS);
    List<Option> priced = new ArrayList<>();
    boolean afdUnits =
        context.options().declares(Knobs.PREFILL_WORKER)
            && context.options().get(Knobs.PREFILL_WORKER).equals("afd");
    if (afdUnits) {
      priced.addAll(
          AfdPrefillUnits.price(
              context,
              pricer,
              placement,
              capacity(context),
              aicMemory,
              AicRules.follows(context, AicRules.AFD_PIPELINE)));
    }
    for (Parallelism.Width width : afdUnits ? List.<Parallelism.Width>of() : widths(context)) {
      Sharding sharding = width.sharding(imbalance);
      for (int batch : context.options().get(Knobs.PREFILL_BATCH)) {
        double tokens = batch * (double) workload.inputTokens();
        double kv =
            batch
                * (double) (workload.prefixTokens() + workload.inputTokens())
                * model.kvBytesPerTokenPerDevice(sharding);
        MemoryUsage memory =
            Memory.usage(
                "prefill",
                model.weightBytesPerDevice(sharding),
                kv,
                activationBytes(context, aicMemory, width, tokens),
                reserve,
                placement.accelerator().memoryCapacityPerDevice());
        if (!memory.fits()) {
          continue;
        }
        StepShape rank = StepShape.prefill(batch, workload.prefixTokens(), workload.inputTokens());
        StepShape group = StepShape.decode(rank.tokens() * width.dataParallel(), 0);
        PricedStep mixer = pricer.price(Side.MIXER, rank, sharding, placement);
        PricedStep ffn = pricer.price(Side.FEED_FORWARD, group, sharding, placement);
        double step = mixer.total() + ffn.total();
        double[] fidelity = new double[Fidelity.values().length];
        mixer.addFidelity(fidelity, 1);
        ffn.addFidelity(fidelity, 1);
        priced.add(
            new Option(
                width,
                0,
                batch,
                step,
                width.dataParallel() * batch / step,
                List.of(memory),
                fidelity));
      }
    }
    this.options = List.copyOf(priced);
    int count = options.size();
    this.optionDevices = new int[count];
    this.optionStepSeconds = new double[count];
    this.optionRequestsPerSecond = new double[count];
    for (int index = 0; index < count; index++) {
      Option option = options.get(index);
      optionDevices[index] = option.devices();
      optionStepSeconds[index] = option.stepSeconds();
      optionRequestsPerSecond[index] = option.requestsPerSecond();
    }
  }

  // The options' fields as arrays: choose() scans every option for every candidate.
  private final int[] optionDevices;
  private final double[] optionStepSeconds;
  private final double[] optionRequestsPerSecond;

  private final double imbalance;
  private final int systemIndex;
  private final boolean aicTtft;

  /**
   * {@return a request's TTFT from this pool: afd's M/D/1 wait at {@code utilization}, the step and
   * the KV transfer; or AIConfigurator's step × 1.1 × 1.8 ({@link AicRules#PD_TTFT})}
   */
  private double ttftSeconds(double utilization, double stepSeconds, double kvTransferSeconds) {
    return aicTtft
        ? AicRules.pdTtftSeconds(stepSeconds)
        : Queueing.waitSeconds(utilization, stepSeconds) + stepSeconds + kvTransferSeconds;
  }

  /**
   * {@return activation bytes of {@code tokens} tokens on one device of a prefill worker: afd's
   * workspace factor, or AIConfigurator's coefficients ({@link AicRules#MEMORY})}
   */
  static double activationBytes(
      StrategyContext context, boolean aicMemory, Parallelism.Width width, double tokens) {
    return aicMemory
        ? AicRules.activationBytes(
            context.model(),
            tokens,
            width.tensorParallel(),
            width.dataParallel(),
            width.expertParallel())
        : Memory.activationBytes(context.model(), tokens);
  }

  /** {@return whether a result's knobs name this prefill layout} */
  public static boolean describes(Option option, Map<String, String> knobs) {
    return String.valueOf(option.width().tensorParallel()).equals(knobs.get("prefill-tp"))
        && String.valueOf(option.width().dataParallel()).equals(knobs.get("prefill-dp"))
        && String.valueOf(option.width().moeTensorParallel()).equals(knobs.get("prefill-moe-tp"))
        && String.valueOf(option.width().expertParallel()).equals(knobs.get("prefill-ep"))
        && String.valueOf(option.batch()).equals(knobs.get("prefill-batch"))
        && (option.microBatches() > 0
            ? String.valueOf(option.microBatches()).equals(knobs.get("prefill-micro-batches"))
            : !knobs.containsKey("prefill-micro-batches"));
  }

  /** {@return the prefill steps of the layout a result's knobs name, empty if none does} */
  public List<StepDescription> describeChosen(Map<String, String> knobs) {
    for (Option option : options) {
      if (describes(option, knobs)) {
        return describe(option);
      }
    }
    return List.of();
  }

  /** {@return the prefill step of a layout, both sides} */
  public List<StepDescription> describe(Option option) {
    Parallelism.Width width = option.width();
    Sharding sharding = width.sharding(imbalance);
    if (option.microBatches() > 0) {
      StepShape rank = AfdPrefillUnits.microBatch(option.batch(), option.microBatches(), workload);
      return List.of(
          new StepDescription(
              "prefill-micro-batch", false, rank, sharding, systemIndex, option.microBatches()),
          new StepDescription(
              "prefill-micro-batch",
              true,
              StepShape.decode(rank.tokens() * width.dataParallel(), 0),
              sharding,
              systemIndex,
              option.microBatches()));
    }
    StepShape rank =
        StepShape.prefill(option.batch(), workload.prefixTokens(), workload.inputTokens());
    return List.of(
        new StepDescription("prefill", false, rank, sharding, systemIndex, 1),
        new StepDescription(
            "prefill",
            true,
            StepShape.decode(rank.tokens() * width.dataParallel(), 0),
            sharding,
            systemIndex,
            1));
  }

  /**
   * {@return the prefill layouts to price: exactly the fixed one when {@code prefill-tp}, {@code
   * prefill-dp}, {@code prefill-moe-tp} and {@code prefill-ep} are all fixed, otherwise the
   * aggregated layouts that match the fixed ones}
   */
  static List<Parallelism.Width> widths(StrategyContext context) {
    FixedLayout fixed = FixedLayout.of(context);
    if (fixed.complete()) {
      return List.of(
          new Parallelism.Width(
              fixed.tensorParallel(),
              fixed.dataParallel(),
              fixed.moeTensorParallel(),
              fixed.expertParallel()));
    }
    List<Parallelism.Width> widths = new ArrayList<>();
    for (Parallelism.Width width : Parallelism.aggregated(context, capacity(context))) {
      if (fixed.admits(width)) {
        widths.add(width);
      }
    }
    return widths;
  }

  /**
   * {@return the devices a prefill worker may use: those of the prefill system within the budget}
   */
  static int capacity(StrategyContext context) {
    return Roles.capacity(
        context,
        Roles.systemIndex(
            context.cluster(), "prefill-system", context.options().get(Knobs.PREFILL_SYSTEM)));
  }

  /**
   * The prefill layout the options fix ({@code prefill-tp}, {@code prefill-dp}, {@code
   * prefill-moe-tp}, {@code prefill-ep}); 0 where afd chooses.
   */
  record FixedLayout(
      int tensorParallel, int dataParallel, int moeTensorParallel, int expertParallel) {
    static FixedLayout of(StrategyContext context) {
      StrategyOptions options = context.options();
      return new FixedLayout(
          Knobs.fixed(options, Knobs.PREFILL_TENSOR_PARALLEL),
          Knobs.fixed(options, Knobs.PREFILL_DATA_PARALLEL),
          Knobs.fixed(options, Knobs.PREFILL_MOE_TENSOR_PARALLEL),
          Knobs.fixed(options, Knobs.PREFILL_EXPERT_PARALLEL));
    }

    /** {@return whether every knob is fixed} */
    boolean complete() {
      return tensorParallel > 0 && dataParallel > 0 && moeTensorParallel > 0 && expertParallel > 0;
    }

    /** {@return whether {@code width} agrees with every fixed knob} */
    boolean admits(Parallelism.Width width) {
      return (tensorParallel == 0 || width.tensorParallel() == tensorParallel)
          && (dataParallel == 0 || width.dataParallel() == dataParallel)
          && (moeTensorParallel == 0 || width.moeTensorParallel() == moeTensorParallel)
          && (expertParallel == 0 || width.expertParallel() == expertParallel);
    }
  }

  /** {@return the fixed prefill worker count, 0 when the pool is sized by {@link #choose}} */
  public int fixedWorkers() {
    return fixedWorkers;
  }

  /** A decode-pool candidate whose knobs the prefill pool's are added to. */
  public interface DecodePoolCandidate extends Candidate {
    /**
     * {@return a builder holding the candidate's knobs, with room for {@code more}}
     *
     * @param more knobs to be added
     */
    ImmutableOrderedMap.Builder<String, String> knobs(int more);

    @Override
    default Map<String, String> knobs() {
      return knobs(0).build();
    }
  }

  /** {@return the layouts that fit in memory} */
  public List<Option> options() {
    return options;
  }

  /** {@return why no candidate can have a prefill pool (no layout fits in memory), or null} */
  public @Nullable String unavailable() {
    return options.isEmpty()
        ? "no prefill worker layout fits in memory for this model and workload"
        : null;
  }

  /**
   * The prefill pool behind a decode pool, or why there is none.
   *
   * @param choice the pool, or null when none fits in the devices left
   * @param kvSeconds the KV transfer time in TTFT
   * @param reason why the candidate is infeasible, empty when the pool serves it
   */
  public record Sizing(@Nullable Choice choice, double kvSeconds, String reason) {
    /**
     * Puts the chosen pool's knobs, if any, into {@code knobs}.
     *
     * @param knobs the candidate's knobs
     * @return why the candidate is infeasible, or null when the pool serves it
     */
    public @Nullable String describe(ImmutableOrderedMap.Builder<String, String> knobs) {
      if (choice != null) {
        choice.describe(knobs);
      }
      return reason.isEmpty() ? null : reason;
    }
  }

  /**
   * Sizes the pool for the request rate of a decode pool of {@code decodeDevices} devices whose KV
   * receivers are {@code receivers}, as both disaggregated strategies place it: on the prefill
   * system right after the decode devices already there (from its first device when there are
   * none), within the device budget and the system's devices; the KV transfer is priced from a
   * worker as wide as the smallest layout.
   *
   * @param context the strategy context
   * @param pricer the pricer (its network)
   * @param prefillSystem the system index the prefill pool runs on
   * @param decodeDevices devices of the whole decode pool
   * @param decodeDevicesOnPrefillSystem devices of the decode pool on the prefill system, which
   *     come first there
   * @param receivers the decode devices that receive a request's KV
   * @param requestsPerSecond the decode pool's request rate
   * @param saturationAllowed whether a saturated fixed pool is priced by the caller (a closed loop
   *     throttles its clients) rather than infeasible
   */
  public Sizing size(
      StrategyContext context,
      StepPricer pricer,
      int prefillSystem,
      int decodeDevices,
      int decodeDevicesOnPrefillSystem,
      DeviceGroup receivers,
      double requestsPerSecond,
      boolean saturationAllowed) {
    int systemDevices = context.cluster().systems().get(prefillSystem).deviceCount();
    int left =
        Math.max(
            0,
            Math.min(
                context.deviceBudget() - decodeDevices,
                systemDevices - decodeDevicesOnPrefillSystem));
    // A prefill unit's KV leaves from its attention devices.
    int width = options.get(0).width().attentionDevices();
    int first = Math.max(0, Math.min(decodeDevicesOnPrefillSystem, systemDevices - width));
    double kvSeconds =
        kvTransferSeconds(context, pricer, new DeviceGroup(prefillSystem, first, width), receivers);
    Choice choice =
        choose(requestsPerSecond, left, kvSeconds, context.slo().timeToFirstToken().seconds());
    String reason = "";
    if (choice == null) {
      reason =
          String.format(
              Locale.ROOT,
              "no prefill pool fits in the %d devices left for %.2f requests/s",
              left,
              requestsPerSecond);
    } else if (choice.saturated() && !saturationAllowed) {
      reason = choice.saturationReason(requestsPerSecond);
    }
    return new Sizing(choice, kvSeconds, reason);
  }

  /**
   * Chooses the pool for a request rate: among layouts that meet the TTFT target, the one using the
   * fewest devices; if none meets it, the lowest TTFT. Ties keep the first layout.
   *
   * @param requestsPerSecond arrival rate
   * @param maxDevices devices left for the pool
   * @param kvTransferSeconds KV transfer time in TTFT for one request
   * @param ttftTargetSeconds the TTFT SLO
   * @return the choice, or null when no layout fits in the devices left
   */
  public Choice choose(
      double requestsPerSecond,
      int maxDevices,
      double kvTransferSeconds,
      double ttftTargetSeconds) {
    // Allocation-free: only the chosen layout becomes a Choice.
    int best = -1;
    int bestWorkers = 0;
    int bestDevices = 0;
    double bestUtilization = 0;
    double bestTtftSeconds = 0;
    boolean bestMeets = false;
    for (int index = 0; index < optionDevices.length; index++) {
      double stepSeconds = optionStepSeconds[index];
      // TTFT is at least the step plus the KV transfer (the wait is never negative, and rounding
      // is monotonic), so a layout that cannot beat the best so far is skipped unpriced; the
      // choice is exactly the one a full scan makes.
      double fastestTtftSeconds = ttftSeconds(0, stepSeconds, kvTransferSeconds);
      if (fastestTtftSeconds > ttftTargetSeconds
          && (bestMeets || (best >= 0 && fastestTtftSeconds >= bestTtftSeconds))) {
        continue;
      }
      // A worker count is at least 1, so a pool is at least one worker wide.
      if (bestMeets && optionDevices[index] >= bestDevices) {
        continue;
      }
      double optionRequestsPerSecond = this.optionRequestsPerSecond[index];
      int workers =
          fixedWorkers > 0
              ? fixedWorkers
              : (int)
                  Math.max(
                      1,
                      Math.ceil(requestsPerSecond / (targetUtilization * optionRequestsPerSecond)));
      if ((long) workers * optionDevices[index] > maxDevices) {
        continue;
      }
      double utilization = requestsPerSecond / (workers * optionRequestsPerSecond);
      double ttftSeconds = ttftSeconds(utilization, stepSeconds, kvTransferSeconds);
      int devices = workers * optionDevices[index];
      boolean meets = ttftSeconds <= ttftTargetSeconds;
      if (best < 0
          || (meets && !bestMeets)
          || (meets && bestMeets && devices < bestDevices)
          || (!meets && !bestMeets && ttftSeconds < bestTtftSeconds)) {
        best = index;
        bestWorkers = workers;
        bestDevices = devices;
        bestUtilization = utilization;
        bestTtftSeconds = ttftSeconds;
        bestMeets = meets;
      }
    }
    return best < 0
        ? null
        : new Choice(
            options.get(best), bestWorkers, bestUtilization, bestTtftSeconds, kvTransferSeconds);
  }

  /**
   * {@return the KV transfer time that shows in TTFT: {@code bytes / exchange}, or one layer's
   * share when overlapped layer by layer}
   *
   * @param context the context
   * @param pricer the pricer (its network)
   * @param prefillDevices a prefill worker's devices
   * @param decodeDevices the receiving decode devices
   */
  public static double kvTransferSeconds(
      StrategyContext context,
      StepPricer pricer,
      DeviceGroup prefillDevices,
      DeviceGroup decodeDevices) {
    WorkloadSpec workload = context.workload();
    boolean prefixOnDecode = context.options().get(Knobs.PREFIX_ON_DECODE);
    long tokens = workload.inputTokens() + (prefixOnDecode ? 0 : workload.prefixTokens());
    double bytes = tokens * context.model().kvBytesPerToken();
    double seconds =
        pricer.exactExchangeSeconds(
            prefillDevices, decodeDevices, bytes / prefillDevices.size(), decodeDevices.size());
    if (context.options().get(Knobs.OVERLAP_KV_TRANSFER)) {
      return seconds / context.model().layerCount();
    }
    return seconds;
  }
}

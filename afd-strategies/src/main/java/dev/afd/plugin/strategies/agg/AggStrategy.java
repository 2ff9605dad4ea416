package dev.afd.plugin.strategies.agg;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.SequenceBatch;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.plugin.strategies.common.AicRules;
import dev.afd.plugin.strategies.common.ChunkReasons;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.plugin.strategies.common.Parallelism;
import dev.afd.plugin.strategies.common.Speculation;
import dev.afd.plugin.strategies.common.Workloads;
import dev.afd.spi.StrategyContext;
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
import java.util.function.Consumer;

/**
 * Chunked-prefill aggregation (docs/strategies.md). Per attention data-parallel rank, each
 * iteration runs {@code d} decoding sequences plus prefill tokens within a budget {@code C}. In
 * steady state prefill must keep up with completions: {@code p = d·isl/osl} prefill tokens per
 * iteration on average, at most {@code C − d}. An iteration either carries a chunk of {@code c =
 * min(isl, C − d)} prompt tokens or decodes alone; a share {@code p/c} of the iterations carries
 * one. TPOT is the mean iteration; a request's prefill takes {@code ⌈isl/(C − d)⌉} iterations that
 * carry its chunks, and queueing for that service follows {@link Queueing}.
 *
 * <p>A replica runs on one accelerator type, so all of a candidate's replicas sit on one system of
 * the cluster. On a cluster of several systems every system the replica fits is tried (the knob
 * {@code system} names it); a replica that fits none of them is infeasible, with the reason.
 */
final class AggStrategy implements ServingStrategy {
  private final StrategyContext context;
  private final ChunkReasons chunkReasons;
  private final StepPricer pricer;
  // One placement per system of the cluster: replicas start at its first device.
  private final StepPricer.Placement[] placements;
  private final boolean severalSystems;
  // The one system the option names, NO_SYSTEM when every system is tried.
  private final int onlySystem;
  private final double imbalance;
  private final DataSize reserve;
  private final boolean closedLoop;
  private final Speculation speculation;
  private final boolean aicTtft;
  private final boolean aicTpot;
  private final boolean aicMemory;

  AggStrategy(StrategyContext context) {
    this.context = context;
    this.chunkReasons = new ChunkReasons(context.workload());
    this.pricer =
        new StepPricer(context.model(), context.kernelCostModel(), context.networkModel());
    List<SystemSpec> systems = context.cluster().systems();
    this.placements = new StepPricer.Placement[systems.size()];
    for (int system = 0; system < systems.size(); system++) {
      placements[system] = new StepPricer.Placement(systems.get(system).accelerator(), system, 0);
    }
    this.severalSystems = systems.size() > 1;
    String replicaSystem = context.options().get(Knobs.REPLICA_SYSTEM);
    this.onlySystem =
        replicaSystem.equals(Knobs.EVERY_SYSTEM)
            ? NO_SYSTEM
            : Roles.systemIndex(context.cluster(), Knobs.REPLICA_SYSTEM.key(), replicaSystem);
    this.imbalance = context.options().get(Knobs.EXPERT_IMBALANCE);
    this.reserve = context.options().get(Knobs.RUNTIME_RESERVE);
    this.closedLoop = context.options().get(Knobs.ARRIVALS).equals("closed-loop");
    this.speculation = Speculation.of(context);
    this.aicTtft = AicRules.follows(context, AicRules.AGG_TTFT);
    this.aicTpot = AicRules.follows(context, AicRules.AGG_TPOT);
    this.aicMemory = AicRules.follows(context, AicRules.MEMORY);
  }

  /**
   * One aggregated configuration.
   *
   * @param systemIndex the system of the cluster its replicas run on, {@link #NO_SYSTEM} when the
   *     replica fits none
   * @param system the system's id for the knobs, empty on a single-system cluster (no knob)
   */
  record AggCandidate(
      int systemIndex,
      String system,
      int tensorParallel,
      int dataParallel,
      int moeTensorParallel,
      int expertParallel,
      int batch,
      int chunk,
      int replicas)
      implements Candidate {
    @Override
    public int devices() {
      return tensorParallel * dataParallel * replicas;
    }

    @Override
    public Map<String, String> knobs() {
      ImmutableOrderedMap.Builder<String, String> knobs =
          ImmutableOrderedMap.builder(system.isEmpty() ? 7 : 8);
      if (!system.isEmpty()) {
        knobs.put("system", system);
      }
      return knobs
          .put("tp", Knobs.text(tensorParallel))
          .put("dp", Knobs.text(dataParallel))
          .put("moe-tp", Knobs.text(moeTensorParallel))
          .put("ep", Knobs.text(expertParallel))
          .put("batch", Knobs.text(batch))
          .put("chunk", Knobs.text(chunk))
          .put("replicas", Knobs.text(replicas))
          .build();
    }
  }

  /** {@link AggCandidate#systemIndex()} of a replica that fits no system of the cluster. */
  static final int NO_SYSTEM = -1;

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    List<SystemSpec> systems = context.cluster().systems();
    for (Parallelism.Width width : Parallelism.aggregated(context)) {
      boolean placed = false;
      for (int system = 0; system < systems.size(); system++) {
        if (onlySystem != NO_SYSTEM && system != onlySystem) {
          continue;
        }
        int capacity = Roles.capacity(context, system);
        if (width.devices() <= capacity) {
          placed = true;
          String id = severalSystems ? systems.get(system).id() : "";
          enumerate(sink, system, id, width, capacity / width.devices());
        }
      }
      if (!placed) {
        // Within the budget but wider than every system: say so rather than drop it.
        enumerate(sink, NO_SYSTEM, "none", width, 1);
      }
    }
  }

  private void enumerate(
      Consumer<Candidate> sink, int system, String id, Parallelism.Width width, int replicas) {
    List<Integer> batches = context.options().get(Knobs.BATCH);
    List<Integer> chunks = context.options().get(Knobs.CHUNK);
    for (int batch : batches) {
      for (int chunk : chunks) {
        if (chunk <= batch) {
          continue;
        }
        sink.accept(
            new AggCandidate(
                system,
                id,
                width.tensorParallel(),
                width.dataParallel(),
                width.moeTensorParallel(),
                width.expertParallel(),
                batch,
                chunk,
                replicas));
      }
    }
  }

  /** {@return why a replica of {@code devices} devices fits no system it may run on} */
  private String fitsNoSystem(int devices) {
    ClusterSpec cluster = context.cluster();
    if (onlySystem != NO_SYSTEM) {
      return String.format(
          Locale.ROOT,
          "a replica of %d devices does not fit system %s within the budget of %d devices",
          devices,
          Roles.describe(cluster.systems().get(onlySystem)),
          context.deviceBudget());
    }
    boolean mixed =
        cluster.systems().stream().map(system -> system.accelerator().id()).distinct().count() > 1;
    return String.format(
        Locale.ROOT,
        "agg needs one accelerator type for a replica, but a replica of %d devices fits no"
            + " system of cluster '%s'%s: %s",
        devices,
        cluster.id(),
        mixed ? ", which mixes accelerator types" : "",
        Roles.describeSystems(cluster));
  }

  /**
   * {@return the tokens of a request's prefill that one iteration carries: the whole prompt when it
   * fits the budget left after the decode tokens, else a full chunk of that budget}
   */
  private long chunkTokens(AggCandidate c) {
    return Math.max(1, Math.min(context.workload().inputTokens(), c.chunk() - c.batch()));
  }

  /**
   * {@return an iteration that carries a request's prefill on one attention data-parallel rank: the
   * decoding sequences at the mean decode context plus one chunk of the prompt (cached: the prefix
   * and, over a multi-chunk prompt, half of what precedes the chunk)}
   */
  private StepShape mixedShape(AggCandidate c) {
    WorkloadSpec workload = context.workload();
    long chunk = chunkTokens(c);
    List<SequenceBatch> batches = new ArrayList<>(2);
    batches.add(
        new SequenceBatch(
            speculation.queryTokens(c.batch()), Workloads.meanDecodeContext(workload), 1));
    batches.add(
        new SequenceBatch(
            1, workload.prefixTokens() + (workload.inputTokens() - chunk) / 2, chunk));
    return new StepShape(batches);
  }

  /** {@return an iteration of the decoding sequences alone on one attention data-parallel rank} */
  private StepShape decodeShape(AggCandidate c) {
    return speculation.decodeStep(c.batch(), Workloads.meanDecodeContext(context.workload()));
  }

  private Sharding sharding(AggCandidate c) {
    return new Sharding(
        c.tensorParallel(), c.dataParallel(), c.moeTensorParallel(), c.expertParallel(), imbalance);
  }

  @Override
  public List<StepDescription> describe(Candidate candidate) {
    AggCandidate c = (AggCandidate) candidate;
    StepShape rank = mixedShape(c);
    StepShape group = StepShape.decode(rank.tokens() * c.dataParallel(), 0);
    if (c.systemIndex() == NO_SYSTEM) {
      // No system holds the replica, so it has no steps to break down.
      return List.of();
    }
    int system = c.systemIndex();
    return List.of(
        new StepDescription("iteration", false, rank, sharding(c), system, 1),
        new StepDescription("iteration", true, group, sharding(c), system, 1));
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    requireNonNull(candidate, "candidate");
    AggCandidate c = (AggCandidate) candidate;
    WorkloadSpec workload = context.workload();
    Sharding sharding = sharding(c);
    ServingResult.Builder result =
        ServingResult.builder("agg")
            .knobs(c.knobs())
            .devices(c.devices(), Map.of("aggregated", c.devices()))
            .models(context.kernelCostModel().id(), context.networkModel().id());
    if (c.systemIndex() == NO_SYSTEM) {
      return result.infeasible(fitsNoSystem(c.devices())).build();
    }
    StepPricer.Placement placement = placements[c.systemIndex()];

    int decoding = c.batch();
    int prefillBudget = c.chunk() - decoding;
    double prefillPerIteration =
        decoding * speculation.tokensPerStep() * workload.inputTokens() / workload.outputTokens();
    // Memory first: the cheapest way to prune.
    StepPricer.Footprint footprint = pricer.footprint(sharding);
    if (closedLoop) {
      // A closed loop of more clients than the KV cache holds still runs: the engine keeps as
      // many requests resident as their KV allows and the others wait for a slot.
      int admitted = admittedSequences(c, placement, footprint, decoding);
      if (admitted < 1) {
        MemoryUsage one = memory(c, placement, footprint, 1, Workloads.meanDecodeContext(workload));
        return result.memory(List.of(one)).infeasible(Memory.shortfall(one)).build();
      }
      result.memory(
          List.of(
              memory(c, placement, footprint, admitted, Workloads.meanDecodeContext(workload))));
      return closedLoop(c, placement, sharding, result, admitted);
    }
    MemoryUsage memory =
        memory(c, placement, footprint, decoding, Workloads.finalContext(workload));
    result.memory(List.of(memory));
    if (!memory.fits()) {
      return result.infeasible(Memory.shortfall(memory)).build();
    }
    if (prefillPerIteration > prefillBudget) {
      return result.infeasible(chunkReasons.tooSmall(decoding, c.chunk())).build();
    }
    // Saturation does not depend on the iteration time: checked before pricing.
    double serviceIterations = Math.ceil(workload.inputTokens() / (double) prefillBudget);
    double utilization =
        decoding * serviceIterations * speculation.tokensPerStep() / workload.outputTokens();
    // AIConfigurator's agg TTFT has no queue to saturate (AicRules.AGG_TTFT).
    if (utilization >= 1 && !aicTtft) {
      return result
          .infeasible(
              chunkReasons.saturated(decoding, c.chunk(), speculation.tokensPerStep(), true))
          .build();
    }
    if (aicTtft || aicTpot) {
      return aicIteration(c, placement, sharding, result, serviceIterations, utilization);
    }

    // An iteration either carries a chunk of one request's prefill or decodes alone
    // (docs/strategies.md: an iteration is the operators on its tokens). A fraction f of the
    // iterations carries
    // prefill, enough to keep up with completions; TPOT is the mean iteration, TTFT the chunks of
    // one request's prefill (plus waiting for them).
    PricedStep[] sides = sides(mixedShape(c), c, sharding, placement);
    PricedStep mixer = sides[0];
    PricedStep ffn = sides[1];
    double mixedSeconds = (mixer.total() + ffn.total()) * speculation.stepScale();
    double decodeSeconds = decodeSeconds(c, sharding, placement);
    double mixedShare = Math.min(1, prefillPerIteration / chunkTokens(c));
    double iterationSeconds = mixedShare * mixedSeconds + (1 - mixedShare) * decodeSeconds;
    double serviceSeconds = serviceIterations * mixedSeconds;
    double ttft = Queueing.waitSeconds(utilization, serviceSeconds) + serviceSeconds;
    double tpot = iterationSeconds / speculation.tokensPerStep();
    double concurrency = (double) c.replicas() * c.dataParallel() * decoding;
    return priced(result, mixer, ffn, decodeSeconds, ttft, tpot, concurrency / tpot, concurrency);
  }

  /** {@return a step of one rank's shape priced on both sides: mixer, then feed-forward} */
  private PricedStep[] sides(
      StepShape rank, AggCandidate c, Sharding sharding, StepPricer.Placement placement) {
    return new PricedStep[] {
      pricer.price(Side.MIXER, rank, sharding, placement),
      pricer.price(
          Side.FEED_FORWARD,
          StepShape.decode(rank.tokens() * c.dataParallel(), 0),
          sharding,
          placement)
    };
  }

  /** {@return the result of an open-loop candidate: latencies, throughput, stages and fidelity} */
  private ServingResult priced(
      ServingResult.Builder result,
      PricedStep mixer,
      PricedStep ffn,
      double decodeSeconds,
      double ttft,
      double tpot,
      double tokensPerSecond,
      double concurrency) {
    double[] fidelity = new double[Fidelity.values().length];
    mixer.addFidelity(fidelity, 1);
    ffn.addFidelity(fidelity, 1);
    Map<String, TimeSpan> stages =
        ImmutableOrderedMap.<String, TimeSpan>builder(4)
            .put("attention", TimeSpan.ofSeconds(mixer.totalCompute()))
            .put("ffn", TimeSpan.ofSeconds(ffn.totalCompute()))
            .put(
                "communication",
                TimeSpan.ofSeconds(mixer.totalCommunication() + ffn.totalCommunication()))
            .put("decode-iteration", TimeSpan.ofSeconds(decodeSeconds))
            .build();
    return finish(result, ttft, tpot, tokensPerSecond, concurrency, stages, fidelity);
  }

  /**
   * An open-loop candidate priced with AIConfigurator's agg rules where the conventions ask for
   * them ({@link AicRules#AGG_TTFT}, {@link AicRules#AGG_TPOT}), afd's otherwise. AIConfigurator's
   * mixed step carries a full chunk of {@code C} prompt tokens next to {@code max(1, b − ⌈C/isl⌉)}
   * decodes ({@code b / (n/D)} when the {@code n = ⌈isl·b/C⌉} steps to finish the context outlast
   * the {@code D = 1 + (osl − 1)/tokens per step} decode iterations), as {@code base_backend.py}
   * {@code _mix_step_gen_tokens} has it; its throughput is {@code b·(osl − 1)} tokens per {@code n}
   * mixed and {@code D − n} decode-only steps.
   */
  private ServingResult aicIteration(
      AggCandidate c,
      StepPricer.Placement placement,
      Sharding sharding,
      ServingResult.Builder result,
      double serviceIterations,
      double utilization) {
    WorkloadSpec workload = context.workload();
    long isl = workload.inputTokens();
    long osl = workload.outputTokens();
    int batch = c.batch();
    double decodeIterations = 1 + (osl - 1) / speculation.tokensPerStep();
    double mixSteps = AicRules.stepsToFinishContext(isl, batch, c.chunk());
    long mixDecodes =
        mixSteps >= decodeIterations
            ? Math.max(1, (long) Math.floor(batch / (mixSteps / decodeIterations)))
            : Math.max(1, batch - (c.chunk() + isl - 1) / isl);
    // The chunk's prompt tokens: whole prompts, or one prompt's chunk at half its prompt cached.
    long prompts = Math.max(1, c.chunk() / isl);
    long promptTokens = Math.min(isl, c.chunk());
    List<SequenceBatch> batches = new ArrayList<>(2);
    batches.add(
        new SequenceBatch(
            speculation.queryTokens(mixDecodes), Workloads.meanDecodeContext(workload), 1));
    batches.add(
        new SequenceBatch(
            prompts, workload.prefixTokens() + (isl - promptTokens) / 2, promptTokens));
    PricedStep[] sides = sides(new StepShape(batches), c, sharding, placement);
    PricedStep mixer = sides[0];
    PricedStep ffn = sides[1];
    double mixedSeconds = (mixer.total() + ffn.total()) * speculation.stepScale();
    double decodeSeconds = decodeSeconds(c, sharding, placement);
    // afd's mixed step carries one chunk of min(isl, C − d) prompt tokens next to every decode.
    double afdMixedSeconds =
        aicTtft && aicTpot
            ? 0
            : iterationSeconds(placement, mixedShape(c), sharding, c.dataParallel())
                * speculation.stepScale();
    double ttft;
    if (aicTtft) {
      ttft = AicRules.aggTtftSeconds(mixedSeconds, isl, batch, c.chunk());
    } else {
      double serviceSeconds = serviceIterations * afdMixedSeconds;
      ttft = Queueing.waitSeconds(utilization, serviceSeconds) + serviceSeconds;
    }
    double concurrency = (double) c.replicas() * c.dataParallel() * batch;
    double tpot;
    double tokensPerSecond;
    if (aicTpot) {
      tpot =
          AicRules.aggStepSeconds(mixedSeconds, decodeSeconds, mixSteps, decodeIterations)
              / speculation.tokensPerStep();
      double cycleSeconds =
          mixSteps * mixedSeconds + Math.max(0, decodeIterations - mixSteps) * decodeSeconds;
      tokensPerSecond = concurrency * (osl - 1) / cycleSeconds;
    } else {
      double prefillPerIteration = batch * speculation.tokensPerStep() * isl / osl;
      double mixedShare = Math.min(1, prefillPerIteration / chunkTokens(c));
      tpot =
          (mixedShare * afdMixedSeconds + (1 - mixedShare) * decodeSeconds)
              / speculation.tokensPerStep();
      tokensPerSecond = concurrency / tpot;
    }
    return priced(result, mixer, ffn, decodeSeconds, ttft, tpot, tokensPerSecond, concurrency);
  }

  /**
   * {@return one replica device's memory with {@code sequences} requests of {@code context} tokens
   * each in the KV cache plus one prompt in flight}
   *
   * <p>An open-loop candidate must hold every sequence at its final context (isl + osl). In a
   * closed loop the resident requests are spread evenly over their decode, so the paged KV cache
   * holds their mean context ({@link Workloads#meanDecodeContext}) on average.
   */
  private MemoryUsage memory(
      AggCandidate c,
      StepPricer.Placement placement,
      StepPricer.Footprint footprint,
      int sequences,
      long context) {
    WorkloadSpec workload = this.context.workload();
    // AIConfigurator reserves no prompt in flight (AicRules.MEMORY).
    long inFlight = aicMemory ? 0 : workload.prefixTokens() + workload.inputTokens();
    int inFlightSequences = aicMemory ? 0 : 1;
    double kvBytes =
        (sequences * (double) context + inFlight) * footprint.kvBytesPerToken()
            + (sequences + inFlightSequences) * footprint.stateBytesPerSequence();
    double activationBytes =
        aicMemory
            ? AicRules.activationBytes(
                this.context.model(),
                c.chunk(),
                c.tensorParallel(),
                c.dataParallel(),
                c.expertParallel())
            : Memory.activationBytes(this.context.model(), c.chunk());
    return Memory.usage(
        "replica",
        footprint.weightBytes(),
        kvBytes,
        activationBytes,
        reserve,
        placement.accelerator().memoryCapacityPerDevice());
  }

  /**
   * {@return the most closed-loop requests, at most {@code limit}, whose mean-context KV fits; 0 if
   * none}
   */
  private int admittedSequences(
      AggCandidate c, StepPricer.Placement placement, StepPricer.Footprint footprint, int limit) {
    long context = Workloads.meanDecodeContext(this.context.workload());
    if (memory(c, placement, footprint, limit, context).fits()) {
      return limit;
    }
    int low = 0;
    int high = limit - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (memory(c, placement, footprint, middle, context).fits()) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /**
   * A closed loop of {@code batch} clients per attention data-parallel rank (see {@link
   * dev.afd.plugin.strategies.common.ClosedLoop}), scheduled as in-flight batching does it.
   *
   * <p>Clients start together, so requests are admitted in groups of {@code k = min(N, ⌊C/isl⌋)}
   * (at least 1) whose prefill takes {@code m = ⌈k·isl/C⌉} iterations; a group finishes decoding in
   * the same iteration and its clients return together, so the grouping persists. A returning
   * request finds an iteration already running (when any other client is active) and waits for it
   * to end. A request's cycle is therefore {@code L = w + m + osl − 1} iterations with {@code w =
   * 1} (0 for a single client), unless the {@code ⌈N/k⌉·m} prefill iterations the clients need per
   * cycle exceed that, in which case every iteration carries a prefill and {@code L = ⌈N/k⌉·m}
   * (prefill-bound: the extra iterations are queueing in TTFT). Each iteration decodes {@code d =
   * N·(osl − 1)/L} sequences. TPOT is the mean iteration time, mixed and decode-only iterations
   * weighted by their count; TTFT is {@code L − (osl − 1) − m} mean iterations of waiting plus
   * {@code m} mixed iterations. With MTP speculative decoding ({@link Speculation}) {@code osl − 1}
   * becomes {@code (osl − 1)/(1 + E)} decode iterations, each priced at {@code 1 + n} query tokens
   * per sequence and scaled by {@code (L + n)/L}, and TPOT is the mean iteration over {@code 1 +
   * E}. In the first round all clients arrive at once and group {@code g} waits {@code g·m} mixed
   * iterations; the reported TTFT averages that round with the {@code R − 1} steady ones ({@link
   * Knobs#REQUESTS_PER_CLIENT}).
   *
   * <p>When the KV cache holds only {@code a < N} requests, the loop above runs with {@code a}
   * clients: a finishing request's slot goes at once to a waiting one, so the running set never
   * empties. Its throughput {@code X_a} serves all {@code N} clients, and by Little's law each
   * request first waits {@code (N − a)/X_a} for a slot; that wait adds to TTFT, TPOT is the {@code
   * a}-client one.
   *
   * @param admitted requests per rank the KV cache holds at once, at most {@code c.batch()}
   */
  private ServingResult closedLoop(
      AggCandidate c,
      StepPricer.Placement placement,
      Sharding sharding,
      ServingResult.Builder result,
      int admitted) {
    WorkloadSpec workload = context.workload();
    int clients = admitted;
    long isl = workload.inputTokens();
    long osl = workload.outputTokens();
    int group = (int) Math.max(1, Math.min(clients, c.chunk() / isl));
    long prefillIterations = Math.max(1, (group * isl + c.chunk() - 1) / c.chunk());
    long groups = (clients + group - 1) / group;
    double wait = clients > 1 ? 1 : 0;
    // Decode iterations per request: osl − 1 tokens, 1 + E per iteration with MTP.
    double decodeIterations = (osl - 1) / speculation.tokensPerStep();
    double cycle =
        Math.max(wait + prefillIterations + decodeIterations, groups * prefillIterations);
    double decoding = clients * decodeIterations / cycle;
    long decodeSequences = Math.max(0, Math.round(decoding));
    long chunkTokens = Math.max(1, group * isl / prefillIterations);
    long chunkContext = workload.prefixTokens() + isl * (prefillIterations - 1) / 2;
    List<SequenceBatch> mixed = new ArrayList<>(2);
    if (decodeSequences > 0) {
      mixed.add(
          new SequenceBatch(
              speculation.queryTokens(decodeSequences), Workloads.meanDecodeContext(workload), 1));
    }
    mixed.add(new SequenceBatch(group, chunkContext, chunkTokens / group));
    double mixedSeconds =
        iterationSeconds(placement, new StepShape(mixed), sharding, c.dataParallel())
            * speculation.stepScale();
    double decodeSeconds =
        decodeSequences == 0
            ? 0
            : iterationSeconds(
                    placement,
                    speculation.decodeStep(decodeSequences, Workloads.meanDecodeContext(workload)),
                    sharding,
                    c.dataParallel())
                * speculation.stepScale();
    double prefillPerCycle = groups * prefillIterations;
    double meanIteration =
        (prefillPerCycle * mixedSeconds + (cycle - prefillPerCycle) * decodeSeconds) / cycle;
    double tpot = meanIteration / speculation.tokensPerStep();
    double steadyTtft =
        (cycle - decodeIterations - prefillIterations) * meanIteration
            + prefillIterations * mixedSeconds;
    // First round: every client starts at once; group g is prefilled in iterations g·m … (g+1)·m.
    double firstTtft = prefillIterations * (groups + 1) / 2.0 * mixedSeconds;
    double rounds = context.options().get(Knobs.REQUESTS_PER_CLIENT);
    double ttft = (firstTtft + (rounds - 1) * steadyTtft) / rounds;
    double requestsPerSecond = clients / (ttft + (osl - 1) * tpot);
    if (admitted < c.batch()) {
      ttft += (c.batch() - admitted) / requestsPerSecond;
      ImmutableOrderedMap.Builder<String, String> knobs =
          ImmutableOrderedMap.builder(c.knobs().size() + 1);
      c.knobs().forEach(knobs::put);
      result.knobs(knobs.put("kv-admitted", Knobs.text(admitted)).build());
    }
    double concurrency = (double) c.replicas() * c.dataParallel() * c.batch();
    PricedStep mixer = pricer.price(Side.MIXER, new StepShape(mixed), sharding, placement);
    double[] fidelity = new double[Fidelity.values().length];
    mixer.addFidelity(fidelity, 1);
    Map<String, TimeSpan> stages =
        ImmutableOrderedMap.<String, TimeSpan>builder(2)
            .put("mixed-iteration", TimeSpan.ofSeconds(mixedSeconds))
            .put("decode-iteration", TimeSpan.ofSeconds(decodeSeconds))
            .build();
    double tokensPerSecond = requestsPerSecond * osl * c.replicas() * c.dataParallel();
    return finish(result, ttft, tpot, tokensPerSecond, concurrency, stages, fidelity);
  }

  /**
   * {@return the result with its latencies (the request's: TTFT + (osl − 1)·TPOT), throughput,
   * stages and fidelity mix}
   */
  private ServingResult finish(
      ServingResult.Builder result,
      double ttft,
      double tpot,
      double tokensPerSecond,
      double concurrency,
      Map<String, TimeSpan> stages,
      double[] fidelity) {
    return result
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(tpot),
            TimeSpan.ofSeconds(ttft + tpot * (context.workload().outputTokens() - 1)))
        .throughput(tokensPerSecond, concurrency)
        .stageTimes(stages)
        .fidelityMix(PricedStep.mix(fidelity))
        .build();
  }

  /** {@return a decode-only iteration of a candidate, scaled for speculative decoding} */
  private double decodeSeconds(AggCandidate c, Sharding sharding, StepPricer.Placement placement) {
    return iterationSeconds(placement, decodeShape(c), sharding, c.dataParallel())
        * speculation.stepScale();
  }

  private double iterationSeconds(
      StepPricer.Placement placement, StepShape rankShape, Sharding sharding, int dataParallel) {
    StepShape groupShape = StepShape.decode(rankShape.tokens() * dataParallel, 0);
    PricedStep mixer = pricer.price(Side.MIXER, rankShape, sharding, placement);
    PricedStep ffn = pricer.price(Side.FEED_FORWARD, groupShape, sharding, placement);
    return mixer.total() + ffn.total();
  }
}

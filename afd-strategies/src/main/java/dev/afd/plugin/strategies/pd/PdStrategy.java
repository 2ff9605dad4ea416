package dev.afd.plugin.strategies.pd;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.plugin.strategies.common.AicRules;
import dev.afd.plugin.strategies.common.ClosedLoop;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.plugin.strategies.common.Parallelism;
import dev.afd.plugin.strategies.common.PrefillPool;
import dev.afd.plugin.strategies.common.Speculation;
import dev.afd.plugin.strategies.common.Workloads;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.Memory;
import dev.afd.strategykit.PricedStep;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.Side;
import dev.afd.strategykit.StepPricer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prefill/decode disaggregation. A candidate fixes the decode pool (layout, batch per rank,
 * workers); the prefill pool is then sized for the decode pool's request rate by {@link
 * PrefillPool}. Decode workers occupy the first devices, the prefill pool the next ones (or its own
 * system), so the KV transfer crosses whatever tier joins them. Each pool fits in its system's
 * devices ({@link Roles#capacity}); on a shared system decode leaves at least one for prefill.
 */
final class PdStrategy implements ServingStrategy {
  private final StrategyContext context;
  private final StepPricer pricer;
  private final StepPricer.Placement decodePlacement;
  private final StepPricer.Placement prefillPlacement;
  private final PrefillPool prefill;
  private final double imbalance;
  private final DataSize reserve;
  private final boolean closedLoop;
  private final Speculation speculation;
  private final boolean aicDecode;
  private final boolean aicRateMatching;
  private final boolean aicMemory;

  PdStrategy(StrategyContext context) {
    this.context = context;
    this.pricer =
        new StepPricer(context.model(), context.kernelCostModel(), context.networkModel());
    int decodeSystem =
        Roles.systemIndex(
            context.cluster(), "decode-system", context.options().get(Knobs.DECODE_SYSTEM));
    int prefillSystem =
        Roles.systemIndex(
            context.cluster(), "prefill-system", context.options().get(Knobs.PREFILL_SYSTEM));
    this.decodePlacement =
        new StepPricer.Placement(
            context.cluster().systems().get(decodeSystem).accelerator(), decodeSystem, 0);
    this.prefillPlacement =
        new StepPricer.Placement(
            context.cluster().systems().get(prefillSystem).accelerator(), prefillSystem, 0);
    this.prefill = new PrefillPool(context, pricer, prefillPlacement);
    this.imbalance = context.options().get(Knobs.EXPERT_IMBALANCE);
    this.reserve = context.options().get(Knobs.RUNTIME_RESERVE);
    this.closedLoop = context.options().get(Knobs.ARRIVALS).equals("closed-loop");
    this.speculation = Speculation.of(context);
    this.aicDecode = AicRules.follows(context, AicRules.PD_DECODE);
    this.aicRateMatching = AicRules.follows(context, AicRules.PD_RATE_MATCHING);
    this.aicMemory = AicRules.follows(context, AicRules.MEMORY);
  }

  /** A decode pool; the prefill pool is derived during evaluation. */
  record PdCandidate(Parallelism.Width decode, int batch, int workers)
      implements PrefillPool.DecodePoolCandidate {
    @Override
    public int devices() {
      return decode.devices() * workers;
    }

    @Override
    public ImmutableOrderedMap.Builder<String, String> knobs(int more) {
      return ImmutableOrderedMap.<String, String>builder(6 + more)
          .put("decode-tp", Knobs.text(decode.tensorParallel()))
          .put("decode-dp", Knobs.text(decode.dataParallel()))
          .put("decode-moe-tp", Knobs.text(decode.moeTensorParallel()))
          .put("decode-ep", Knobs.text(decode.expertParallel()))
          .put("decode-batch", Knobs.text(batch))
          .put("decode-workers", Knobs.text(workers));
    }
  }

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    int budget = context.deviceBudget();
    int decodeSystem = decodePlacement.systemIndex();
    // Devices the decode pool may take: within the budget and its system, leaving prefill one.
    int decodeCapacity =
        decodeSystem == prefillPlacement.systemIndex()
            ? Roles.capacity(context, decodeSystem) - 1
            : Math.min(budget - 1, Roles.capacity(context, decodeSystem));
    for (Parallelism.Width width : Parallelism.aggregated(context, decodeCapacity)) {
      for (int batch : context.options().get(Knobs.BATCH)) {
        for (int workers : context.options().get(Knobs.DECODE_WORKERS)) {
          if ((long) workers * width.devices() <= decodeCapacity) {
            sink.accept(new PdCandidate(width, batch, workers));
          }
        }
      }
    }
  }

  private Sharding sharding(Parallelism.Width width) {
    return new Sharding(
        width.tensorParallel(),
        width.dataParallel(),
        width.moeTensorParallel(),
        width.expertParallel(),
        imbalance);
  }

  @Override
  public List<StepDescription> describe(Candidate candidate) {
    PdCandidate c = (PdCandidate) candidate;
    List<StepDescription> steps = new ArrayList<>();
    Sharding decode = sharding(c.decode());
    StepShape rank =
        speculation.decodeStep(c.batch(), Workloads.meanDecodeContext(context.workload()));
    int system = decodePlacement.systemIndex();
    steps.add(new StepDescription("decode", false, rank, decode, system, 1));
    steps.add(
        new StepDescription(
            "decode",
            true,
            StepShape.decode(rank.tokens() * c.decode().dataParallel(), 0),
            decode,
            system,
            1));
    steps.addAll(prefill.describeChosen(evaluate(candidate).knobs()));
    return steps;
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    requireNonNull(candidate, "candidate");
    PdCandidate c = (PdCandidate) candidate;
    MoeModelSpec model = context.model();
    WorkloadSpec workload = context.workload();
    Parallelism.Width width = c.decode();
    Sharding sharding = sharding(width);
    ImmutableOrderedMap.Builder<String, String> knobs = c.knobs(6);
    ServingResult.Builder result =
        ServingResult.builder("pd")
            .knobs(knobs.build())
            .models(context.kernelCostModel().id(), context.networkModel().id());
    int decodeDevices = c.devices();
    StepPricer.Footprint footprint = pricer.footprint(sharding);
    double kv =
        c.batch() * (double) Workloads.finalContext(workload) * footprint.kvBytesPerToken()
            + c.batch() * footprint.stateBytesPerSequence();
    MemoryUsage decodeMemory =
        Memory.usage(
            "decode",
            footprint.weightBytes(),
            kv,
            aicMemory
                ? AicRules.activationBytes(
                    model,
                    c.batch(),
                    width.tensorParallel(),
                    width.dataParallel(),
                    width.expertParallel())
                : Memory.activationBytes(model, c.batch()),
            reserve,
            decodePlacement.accelerator().memoryCapacityPerDevice());
    result.devices(decodeDevices, Map.of("decode", decodeDevices)).memory(List.of(decodeMemory));
    if (!decodeMemory.fits()) {
      return result.infeasible(Memory.shortfall(decodeMemory)).build();
    }
    String noPool = prefill.unavailable();
    if (noPool != null) {
      return result.infeasible(noPool).build();
    }
    StepShape rank = speculation.decodeStep(c.batch(), Workloads.meanDecodeContext(workload));
    StepShape group = StepShape.decode(rank.tokens() * width.dataParallel(), 0);
    PricedStep mixer = pricer.price(Side.MIXER, rank, sharding, decodePlacement);
    PricedStep ffn = pricer.price(Side.FEED_FORWARD, group, sharding, decodePlacement);
    double tpot =
        (mixer.total() + ffn.total())
            * speculation.stepScale()
            / speculation.tokensPerStep()
            * (aicDecode ? AicRules.DECODE_LATENCY_CORRECTION : 1);
    double concurrency = (double) c.workers() * width.dataParallel() * c.batch();
    // AIConfigurator rate-matches the decode pool at 0.92 of its throughput.
    double tokensPerSecond =
        concurrency / tpot * (aicRateMatching ? AicRules.DECODE_DEGRADATION : 1);
    double requestsPerSecond = tokensPerSecond / workload.outputTokens();

    PrefillPool.Sizing sizing =
        prefill.size(
            context,
            pricer,
            prefillPlacement.systemIndex(),
            decodeDevices,
            decodePlacement.systemIndex() == prefillPlacement.systemIndex() ? decodeDevices : 0,
            new DeviceGroup(decodePlacement.systemIndex(), 0, width.devices()),
            requestsPerSecond,
            closedLoop);
    String unsized = sizing.describe(knobs);
    if (unsized != null) {
      return result.knobs(knobs.build()).infeasible(unsized).build();
    }
    PrefillPool.Choice pool = requireNonNull(sizing.choice(), "a sized pool");
    int devices = decodeDevices + pool.devices();
    Map<String, Integer> roles =
        ImmutableOrderedMap.<String, Integer>builder(2)
            .put("prefill", pool.devices())
            .put("decode", decodeDevices)
            .build();
    double[] fidelity = new double[Fidelity.values().length];
    mixer.addFidelity(fidelity, 1);
    ffn.addFidelity(fidelity, 1);
    for (int index = 0; index < fidelity.length; index++) {
      fidelity[index] += pool.option().fidelitySeconds()[index];
    }
    Map<String, TimeSpan> stages =
        ImmutableOrderedMap.<String, TimeSpan>builder(3)
            .put("attention", TimeSpan.ofSeconds(mixer.totalCompute()))
            .put("ffn", TimeSpan.ofSeconds(ffn.totalCompute()))
            .put(
                "communication",
                TimeSpan.ofSeconds(mixer.totalCommunication() + ffn.totalCommunication()))
            .build();
    double ttft = pool.ttftSeconds();
    if (closedLoop) {
      double[] loop = closedLoop(c, sharding, pool);
      ttft = loop[0];
      tpot = loop[1];
      tokensPerSecond = loop[2];
    }
    return result
        .knobs(knobs.build())
        .devices(devices, roles)
        .memory(List.of(pool.option().memory().get(0), decodeMemory))
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(tpot),
            TimeSpan.ofSeconds(ttft + tpot * (workload.outputTokens() - 1)))
        .throughput(tokensPerSecond, concurrency)
        .kvTransfer(TimeSpan.ofSeconds(sizing.kvSeconds()))
        .stageTimes(stages)
        .fidelityMix(PricedStep.mix(fidelity))
        .build();
  }

  /**
   * Solves the closed loop (see {@link ClosedLoop}) of {@code workers · dp · batch} clients: the
   * prefill pool is the queueing station ({@code workers · dp · batch} servers of one prefill step
   * each), KV transfer and decode the delay {@code Z = t_kv + (osl − 1)·TPOT}. TPOT depends on the
   * sequences actually decoding ({@code X·(osl − 1)·TPOT}, spread over the decode ranks), which
   * depends on throughput; a damped fixed-point iteration finds the consistent state. The first
   * round, in which every client arrives at once, is averaged in with weight {@code 1/R} ({@link
   * Knobs#REQUESTS_PER_CLIENT}).
   *
   * @return TTFT seconds, TPOT seconds and output tokens per second
   */
  private double[] closedLoop(PdCandidate c, Sharding sharding, PrefillPool.Choice pool) {
    WorkloadSpec workload = context.workload();
    long osl = workload.outputTokens();
    Parallelism.Width width = c.decode();
    int ranks = c.workers() * width.dataParallel();
    int clients = ranks * c.batch();
    Parallelism.Width prefillWidth = pool.option().width();
    int servers = pool.workers() * prefillWidth.dataParallel() * pool.option().batch();
    double service = pool.option().stepSeconds();
    double perRank = c.batch();
    double ttft = 0;
    double tpot = 0;
    double throughput = 0;
    for (int iteration = 0; iteration < 40; iteration++) {
      long decoding = Math.max(1, Math.round(perRank));
      StepShape rank = speculation.decodeStep(decoding, Workloads.meanDecodeContext(workload));
      StepShape group = StepShape.decode(rank.tokens() * width.dataParallel(), 0);
      tpot =
          (pricer.price(Side.MIXER, rank, sharding, decodePlacement).total()
                  + pricer.price(Side.FEED_FORWARD, group, sharding, decodePlacement).total())
              * speculation.stepScale()
              / speculation.tokensPerStep();
      double delay = pool.kvSeconds() + (osl - 1) * tpot;
      ClosedLoop.Solution solution = ClosedLoop.solve(clients, servers, service, delay);
      ttft = solution.responseSeconds() + pool.kvSeconds();
      throughput = solution.throughput();
      double next = Math.min(c.batch(), throughput * (osl - 1) * tpot / ranks);
      if (Math.abs(next - perRank) <= 0.005 * perRank) {
        break;
      }
      perRank = 0.5 * (perRank + next);
    }
    // First round: all clients reach the prefill pool at once and are served c at a time.
    double firstTtft = service * (Math.ceil(clients / (double) servers) + 1) / 2 + pool.kvSeconds();
    double rounds = context.options().get(Knobs.REQUESTS_PER_CLIENT);
    ttft = (firstTtft + (rounds - 1) * ttft) / rounds;
    return new double[] {ttft, tpot, throughput * osl};
  }
}

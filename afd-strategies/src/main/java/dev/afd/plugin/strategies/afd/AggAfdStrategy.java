package dev.afd.plugin.strategies.afd;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.plugin.strategies.common.AicRules;
import dev.afd.plugin.strategies.common.ChunkReasons;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.Queueing;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code agg-afd}: chunked prefill (as in {@code agg}) whose iterations run through an AFD unit's
 * micro-batched pipeline. A step either carries a chunk of {@code min(isl, C − d)} prompt tokens or
 * decodes alone, a share {@code p/c} of them carrying one; TPOT is the mean step; TTFT is the
 * prefill service of {@code ⌈isl/(C − d)⌉} steps that carry the prompt plus the M/D/1 wait for it.
 */
final class AggAfdStrategy implements ServingStrategy {
  private final StrategyContext context;
  private final ChunkReasons chunkReasons;
  private final AfdEvaluator evaluator;
  private final boolean aicTtft;

  AggAfdStrategy(StrategyContext context) {
    this.context = context;
    this.chunkReasons = new ChunkReasons(context.workload());
    this.evaluator = new AfdEvaluator(context);
    this.aicTtft = AicRules.follows(context, AicRules.AGG_TTFT);
  }

  /** A unit layout, batch, chunk and unit count. */
  record AggAfdCandidate(AfdEvaluator.Unit unit, int batch, int chunk, int units)
      implements AfdEvaluator.UnitsCandidate {
    @Override
    public Map<String, String> knobs() {
      return unit.knobs(3)
          .put("batch", Knobs.text(batch))
          .put("chunk", Knobs.text(chunk))
          .put("units", Knobs.text(units))
          .build();
    }
  }

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    List<Integer> batches = context.options().get(Knobs.BATCH);
    List<Integer> chunks = context.options().get(Knobs.CHUNK);
    for (AfdLayout layout : evaluator.layouts(context.deviceBudget())) {
      int units = evaluator.units(layout, context.deviceBudget());
      if (units < 1) {
        continue;
      }
      AfdEvaluator.Unit unit = evaluator.unit(layout);
      for (int batch : batches) {
        if (batch < layout.microBatches()) {
          continue;
        }
        for (int chunk : chunks) {
          if (chunk > batch) {
            sink.accept(new AggAfdCandidate(unit, batch, chunk, units));
          }
        }
      }
    }
  }

  /** {@return each stage of the mean step: {@code share} of the mixed step, the rest decode} */
  private static Map<String, TimeSpan> meanStages(
      Map<String, TimeSpan> mixed, Map<String, TimeSpan> decode, double share) {
    ImmutableOrderedMap.Builder<String, TimeSpan> stages =
        ImmutableOrderedMap.builder(mixed.size());
    mixed.forEach(
        (stage, time) -> {
          TimeSpan alone = decode.get(stage);
          double decodeSeconds = alone == null ? 0 : alone.seconds();
          stages.put(
              stage, TimeSpan.ofSeconds(share * time.seconds() + (1 - share) * decodeSeconds));
        });
    return stages.build();
  }

  @Override
  public List<StepDescription> describe(Candidate candidate) {
    AggAfdCandidate c = (AggAfdCandidate) candidate;
    WorkloadSpec workload = context.workload();
    // The step that carries a chunk of a request's prompt.
    double prefill = Math.max(1, Math.min(workload.inputTokens(), c.chunk() - c.batch()));
    return evaluator.describe(c.layout(), c.batch(), prefill);
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    requireNonNull(candidate, "candidate");
    AggAfdCandidate c = (AggAfdCandidate) candidate;
    WorkloadSpec workload = context.workload();
    AfdLayout layout = c.layout();
    Map<String, Integer> roles =
        ImmutableOrderedMap.<String, Integer>builder(2)
            .put("attention", layout.attentionDevices() * c.units())
            .put("ffn", layout.ffnDevices() * c.units())
            .build();
    ServingResult.Builder result =
        ServingResult.builder("agg-afd")
            .knobs(c.knobs())
            .devices(c.devices(), roles)
            .models(context.kernelCostModel().id(), context.networkModel().id());
    int prefillBudget = c.chunk() - c.batch();
    double prefillPerIteration =
        c.batch() * (double) workload.inputTokens() / workload.outputTokens();
    double prefillTokens = Math.min(prefillPerIteration, prefillBudget);
    // Memory, then the chunk: neither needs the step priced.
    AfdEvaluator.UnitStep unit =
        evaluator.memory(c.unit(), c.batch(), prefillTokens, c.chunk(), true);
    String shortfall = unit.recordMemory(result);
    if (shortfall != null) {
      return result.infeasible(shortfall).build();
    }
    if (prefillPerIteration > prefillBudget) {
      return result.infeasible(chunkReasons.tooSmall(c.batch(), c.chunk())).build();
    }
    double serviceIterations = Math.ceil(workload.inputTokens() / (double) prefillBudget);
    double utilization = c.batch() * serviceIterations / workload.outputTokens();
    // AIConfigurator's agg TTFT has no queue to saturate (AicRules.AGG_TTFT).
    if (utilization >= 1 && !aicTtft) {
      return result.infeasible(chunkReasons.saturated(c.batch(), c.chunk(), 1, false)).build();
    }
    // A step either carries a chunk of one request's prompt or decodes alone; a share p/c of the
    // steps carries one (as in agg). TPOT is the mean step, TTFT the steps that carry the prompt.
    double chunkTokens = Math.max(1, Math.min(workload.inputTokens(), prefillBudget));
    AfdEvaluator.UnitStep mixed = evaluator.price(unit, c.unit(), c.batch(), chunkTokens);
    AfdEvaluator.UnitStep decode = evaluator.price(unit, c.unit(), c.batch(), 0);
    double mixedSeconds = mixed.step().seconds();
    double decodeSeconds = decode.step().seconds();
    double mixedShare = Math.min(1, prefillPerIteration / chunkTokens);
    double stepSeconds = mixedShare * mixedSeconds + (1 - mixedShare) * decodeSeconds;
    double service = serviceIterations * mixedSeconds;
    double ttft =
        aicTtft
            ? AicRules.aggTtftSeconds(mixedSeconds, workload.inputTokens(), c.batch(), c.chunk())
            : Queueing.waitSeconds(utilization, service) + service;
    double concurrency = (double) c.units() * layout.dataParallel() * c.batch();
    return result
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(stepSeconds),
            TimeSpan.ofSeconds(ttft + stepSeconds * (workload.outputTokens() - 1)))
        .throughput(concurrency / stepSeconds, concurrency)
        .stageTimes(meanStages(mixed.stages(), decode.stages(), mixedShare))
        .fidelityMix(mixed.fidelityMix())
        .build();
  }
}

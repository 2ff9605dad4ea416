package dev.afd.plugin.strategies.afd;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.StepDescription;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.plugin.strategies.common.AicRules;
import dev.afd.plugin.strategies.common.Knobs;
import dev.afd.plugin.strategies.common.PrefillPool;
import dev.afd.spi.StrategyContext;
import dev.afd.strategykit.PricedStep;
import dev.afd.strategykit.Roles;
import dev.afd.strategykit.StepPricer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code pd-afd}: decode runs on AFD units (attention holds all KV); a prefill pool, sized by
 * {@link PrefillPool} for the units' request rate, sends each request's KV to the attention
 * devices.
 */
final class PdAfdStrategy implements ServingStrategy {
  private final StrategyContext context;
  private final AfdEvaluator evaluator;
  private final StepPricer.Placement prefillPlacement;
  private final PrefillPool prefill;
  private final boolean aicRateMatching;

  PdAfdStrategy(StrategyContext context) {
    this.context = context;
    this.evaluator = new AfdEvaluator(context);
    this.aicRateMatching = AicRules.follows(context, AicRules.PD_RATE_MATCHING);
    int prefillSystem =
        Roles.systemIndex(
            context.cluster(), "prefill-system", context.options().get(Knobs.PREFILL_SYSTEM));
    this.prefillPlacement =
        new StepPricer.Placement(
            context.cluster().systems().get(prefillSystem).accelerator(), prefillSystem, 0);
    this.prefill = new PrefillPool(context, evaluator.pricer(), prefillPlacement);
  }

  /** A decode unit layout, batch and unit count. */
  record PdAfdCandidate(AfdEvaluator.Unit unit, int batch, int units)
      implements AfdEvaluator.UnitsCandidate, PrefillPool.DecodePoolCandidate {
    @Override
    public ImmutableOrderedMap.Builder<String, String> knobs(int more) {
      return unit.knobs(2 + more).put("batch", Knobs.text(batch)).put("units", Knobs.text(units));
    }
  }

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    int budget = context.deviceBudget();
    for (AfdLayout layout : evaluator.layouts(budget - 1)) {
      int maxUnits = evaluator.units(layout, budget - 1);
      AfdEvaluator.Unit unit = evaluator.unit(layout);
      for (int batch : context.options().get(Knobs.BATCH)) {
        if (batch < layout.microBatches()) {
          continue;
        }
        for (int units : context.options().get(Knobs.DECODE_WORKERS)) {
          if (units <= maxUnits) {
            sink.accept(new PdAfdCandidate(unit, batch, units));
          }
        }
      }
    }
  }

  @Override
  public List<StepDescription> describe(Candidate candidate) {
    PdAfdCandidate c = (PdAfdCandidate) candidate;
    List<StepDescription> steps = new ArrayList<>(evaluator.describe(c.layout(), c.batch(), 0));
    ServingResult result = evaluate(candidate);
    steps.addAll(prefill.describeChosen(result.knobs()));
    return steps;
  }

  private static List<MemoryUsage> memory(
      List<MemoryUsage> prefill, MemoryUsage attention, MemoryUsage ffn) {
    List<MemoryUsage> memory = new ArrayList<>(prefill.size() + 2);
    memory.addAll(prefill);
    memory.add(attention);
    memory.add(ffn);
    return memory;
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    requireNonNull(candidate, "candidate");
    PdAfdCandidate c = (PdAfdCandidate) candidate;
    WorkloadSpec workload = context.workload();
    AfdLayout layout = c.layout();
    ImmutableOrderedMap.Builder<String, String> knobs = c.knobs(7);
    ServingResult.Builder result =
        ServingResult.builder("pd-afd")
            .knobs(knobs.build())
            .devices(c.devices(), Map.of("decode", c.devices()))
            .models(context.kernelCostModel().id(), context.networkModel().id());
    AfdEvaluator.UnitStep unit = evaluator.decodeStep(c.unit(), c.batch());
    String shortfall = unit.recordMemory(result);
    if (shortfall != null) {
      return result.infeasible(shortfall).build();
    }
    String noPool = prefill.unavailable();
    if (noPool != null) {
      return result.infeasible(noPool).build();
    }
    double tpot = unit.step().seconds();
    double concurrency = (double) c.units() * layout.dataParallel() * c.batch();
    // AIConfigurator rate-matches an AFD decode pool at 0.95 of its throughput.
    double tokensPerSecond =
        concurrency / tpot * (aicRateMatching ? AicRules.AFD_DECODE_DEGRADATION : 1);
    double requestsPerSecond = tokensPerSecond / workload.outputTokens();
    int decodeDevices = c.devices();
    PrefillPool.Sizing sizing =
        prefill.size(
            context,
            evaluator.pricer(),
            prefillPlacement.systemIndex(),
            decodeDevices,
            evaluator.devicesOn(prefillPlacement.systemIndex(), layout, c.units()),
            new DeviceGroup(evaluator.attentionSystem(), 0, layout.attentionDevices()),
            requestsPerSecond,
            false);
    String unsized = sizing.describe(knobs);
    if (unsized != null) {
      return result.knobs(knobs.build()).infeasible(unsized).build();
    }
    PrefillPool.Choice pool = requireNonNull(sizing.choice(), "a sized pool");
    double kvSeconds = sizing.kvSeconds();
    Map<String, Integer> roles =
        ImmutableOrderedMap.<String, Integer>builder(3)
            .put("prefill", pool.devices())
            .put("attention", layout.attentionDevices() * c.units())
            .put("ffn", layout.ffnDevices() * c.units())
            .build();
    double[] fidelity = unit.fidelitySeconds().clone();
    for (int index = 0; index < Fidelity.values().length; index++) {
      fidelity[index] += pool.option().fidelitySeconds()[index];
    }
    Map<String, TimeSpan> stages = unit.stages();
    double ttft = pool.ttftSeconds();
    return result
        .knobs(knobs.build())
        .devices(decodeDevices + pool.devices(), roles)
        .memory(memory(pool.option().memory(), unit.attentionMemory(), unit.ffnMemory()))
        .latencies(
            TimeSpan.ofSeconds(ttft),
            TimeSpan.ofSeconds(tpot),
            TimeSpan.ofSeconds(ttft + tpot * (workload.outputTokens() - 1)))
        .throughput(tokensPerSecond, concurrency)
        .kvTransfer(TimeSpan.ofSeconds(kvSeconds))
        .stageTimes(stages)
        .fidelityMix(PricedStep.mix(fidelity))
        .build();
  }
}

package com.example.broken;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.StrategyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One fixed aggregated layout, priced at a constant 10 ms per output token: the smallest strategy a
 * plugin author could write. {@code checksMemory} says whether it turns a layout that does not fit
 * infeasible.
 */
final class FixedLayoutStrategy implements ServingStrategy {
  private static final double TPOT_SECONDS = 0.010;

  private final String id;
  private final StrategyContext context;
  private final int tensorParallel;
  private final int batch;
  private final boolean checksMemory;

  FixedLayoutStrategy(
      String id, StrategyContext context, int tensorParallel, int batch, boolean checksMemory) {
    this.id = id;
    this.context = context;
    this.tensorParallel = tensorParallel;
    this.batch = batch;
    this.checksMemory = checksMemory;
  }

  record Layout(int devices, Map<String, String> knobs) implements Candidate {}

  @Override
  public void enumerate(Consumer<Candidate> sink) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put("tp", Integer.toString(tensorParallel));
    knobs.put("ep", "1");
    knobs.put("batch", Integer.toString(batch));
    sink.accept(new Layout(tensorParallel, knobs));
  }

  @Override
  public ServingResult evaluate(Candidate candidate) {
    MoeModelSpec model = context.model();
    Sharding sharding = new Sharding(tensorParallel, 1, 1, 1, 1);
    DataSize weights = DataSize.ofBytes((long) model.weightBytesPerDevice(sharding));
    long contextTokens = context.workload().finalContextTokens();
    DataSize kvCache =
        DataSize.ofBytes((long) (model.kvBytesPerTokenPerDevice(sharding) * contextTokens * batch));
    DataSize capacity = context.cluster().primary().accelerator().memoryCapacityPerDevice();
    MemoryUsage memory =
        new MemoryUsage("aggregated", weights, kvCache, DataSize.ZERO, DataSize.ZERO, capacity);
    ServingResult.Builder result =
        ServingResult.builder(id)
            .knobs(candidate.knobs())
            .latencies(
                TimeSpan.ofMillis(50),
                TimeSpan.ofSeconds(TPOT_SECONDS),
                TimeSpan.ofMillis(
                    50 + 1000 * TPOT_SECONDS * (context.workload().outputTokens() - 1)))
            .throughput(batch / TPOT_SECONDS, batch)
            .devices(tensorParallel, Map.of("aggregated", tensorParallel))
            .memory(List.of(memory));
    if (checksMemory && !memory.fits()) {
      result.infeasible("aggregated group needs " + memory.total() + " of " + capacity);
    }
    return result.build();
  }
}

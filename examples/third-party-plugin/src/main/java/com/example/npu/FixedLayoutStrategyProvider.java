package com.example.npu;

import com.google.auto.service.AutoService;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyProvider;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves one replica per {@code tp} devices at a fixed time per output token: the smallest
 * strategy that passes the TCK (it checks memory and names its layout knobs {@code tp}, {@code
 * ep}).
 */
@AutoService(StrategyProvider.class)
public final class FixedLayoutStrategyProvider implements StrategyProvider {
  static final OptionSpec<List<Integer>> TENSOR_PARALLEL =
      OptionSpec.intList("tp", List.of(1, 2), "attention tensor-parallel degrees to try");

  /** The time per output token every layout is given, in seconds. */
  private static final double TPOT_SECONDS = 0.02;

  /** Sequences decoding at once on each replica. */
  private static final int BATCH = 8;

  @Override
  public String id() {
    return "example-fixed";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(TENSOR_PARALLEL);
  }

  @Override
  public ServingStrategy create(StrategyContext context) {
    List<Integer> degrees = context.options().get(TENSOR_PARALLEL);
    return new ServingStrategy() {
      @Override
      public void enumerate(Consumer<Candidate> sink) {
        for (int tp : degrees) {
          if (tp <= context.deviceBudget()) {
            sink.accept(new Layout(tp));
          }
        }
      }

      @Override
      public ServingResult evaluate(Candidate candidate) {
        return FixedLayoutStrategyProvider.evaluate(id(), context, (Layout) candidate);
      }
    };
  }

  record Layout(int tensorParallel) implements Candidate {
    @Override
    public int devices() {
      return tensorParallel;
    }

    @Override
    public Map<String, String> knobs() {
      return Map.of("tp", Integer.toString(tensorParallel), "ep", "1");
    }
  }

  static ServingResult evaluate(String id, StrategyContext context, Layout layout) {
    MoeModelSpec model = context.model();
    Sharding sharding = Sharding.tensorParallel(layout.tensorParallel());
    long contextTokens = context.workload().finalContextTokens();
    MemoryUsage memory =
        new MemoryUsage(
            "replica",
            DataSize.ofBytes((long) Math.ceil(model.weightBytesPerDevice(sharding))),
            DataSize.ofBytes(
                (long) Math.ceil(model.kvBytesPerTokenPerDevice(sharding) * contextTokens * BATCH)),
            DataSize.ZERO,
            DataSize.ZERO,
            context.cluster().primary().accelerator().memoryCapacityPerDevice());
    ServingResult.Builder result =
        ServingResult.builder(id)
            .knobs(layout.knobs())
            .latencies(
                TimeSpan.ofSeconds(TPOT_SECONDS),
                TimeSpan.ofSeconds(TPOT_SECONDS),
                TimeSpan.ofSeconds(TPOT_SECONDS * context.workload().outputTokens()))
            .throughput(BATCH / TPOT_SECONDS, BATCH)
            .devices(layout.devices(), Map.of("replica", layout.devices()))
            .memory(List.of(memory));
    if (!memory.fits()) {
      result.infeasible("replica needs " + memory.total() + " per device of " + memory.capacity());
    }
    return result.build();
  }
}

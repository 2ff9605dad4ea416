package dev.afd.benchmarks;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.Precision;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.cost.RooflineCostModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Operators priced per second by the roofline and by the measured kernel tables.
 *
 * <p>The operators are those of a DeepSeek-V3 layer (MLA attention and MoE, FP8 block weights,
 * attention DP 8 × EP 8) over {@value #SHAPES} decode shapes (batch 1 to 256, context 1,000 to
 * 30,000 tokens) and prefill shapes, so measured lookups exercise exact hits, interpolation and
 * extrapolation. Run with {@code -p kernelDb=DIR} pointing at AIConfigurator's data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelCostModelBenchmark {
  static final int SHAPES = 32;
  static final int OPERATORS = 512;

  /** The AIConfigurator data directory. */
  @Param("../shared/data/aiconfigurator")
  public String kernelDb;

  private AcceleratorSpec accelerator;
  private RooflineCostModel roofline;
  private MeasuredKernelCostModel measured;
  private Operator[] operators;

  /** Builds the operators and the models, and warms the table indexes. */
  @Setup
  public void setUp() {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    accelerator = engine.accelerator("nvidia-h200-sxm");
    roofline = KernelCostModels.roofline();
    measured =
        KernelCostModels.forDirectory(Path.of(kernelDb), engine.kernelSystemsByAccelerator());
    MlaAttentionBlock attention =
        new MlaAttentionBlock(
            7168,
            128,
            1536,
            512,
            128,
            64,
            128,
            Precision.FP8_BLOCK,
            Precision.BF16,
            Precision.BF16);
    MoeFfnBlock moe =
        new MoeFfnBlock(
            7168,
            256,
            8,
            2048,
            1,
            2048,
            true,
            0,
            true,
            Precision.FP8_BLOCK,
            Precision.FP8_BLOCK,
            Precision.BF16,
            Precision.FP8);
    Sharding sharding = new Sharding(1, 8, 1, 8, 1.0);
    List<Operator> list = new ArrayList<>();
    for (int shape = 0; shape < SHAPES; shape++) {
      long batch = 1L << (shape % 9);
      long context = 1000 + 937L * shape;
      StepShape step =
          shape % 4 == 3
              ? StepShape.prefill(1, 0, 512L * (1 + shape % 8))
              : StepShape.decode(batch, context);
      attention.emit(step, sharding, (group, operator) -> add(list, operator));
      moe.emit(step, sharding, (group, operator) -> add(list, operator));
    }
    operators = new Operator[OPERATORS];
    for (int index = 0; index < OPERATORS; index++) {
      operators[index] = list.get(index % list.size());
      measured.time(operators[index], accelerator);
    }
  }

  private static void add(List<Operator> list, Operator operator) {
    if (!(operator instanceof CollectiveOperator) && !(operator instanceof MemoryOperator)) {
      list.add(operator);
    }
  }

  /** Roofline seconds, allocation-free. */
  @Benchmark
  @OperationsPerInvocation(OPERATORS)
  public void roofline(Blackhole blackhole) {
    for (Operator operator : operators) {
      blackhole.consume(roofline.seconds(operator, accelerator));
    }
  }

  /** Roofline {@code OperatorTime}s, as strategies call it. */
  @Benchmark
  @OperationsPerInvocation(OPERATORS)
  public void rooflineOperatorTime(Blackhole blackhole) {
    for (Operator operator : operators) {
      blackhole.consume(roofline.time(operator, accelerator));
    }
  }

  /** Measured-table lookups with interpolation, fidelity and source, bypassing the memo. */
  @Benchmark
  @OperationsPerInvocation(OPERATORS)
  public void measuredWithoutMemo(Blackhole blackhole) {
    for (Operator operator : operators) {
      blackhole.consume(measured.timeWithoutMemo(operator, accelerator));
    }
  }

  /** Measured-table times as strategies get them: memoised per operator and accelerator. */
  @Benchmark
  @OperationsPerInvocation(OPERATORS)
  public void measured(Blackhole blackhole) {
    for (Operator operator : operators) {
      blackhole.consume(measured.time(operator, accelerator));
    }
  }
}

package dev.afd.benchmarks;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.DeviceGroup;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.engine.network.SimulatedNetworkModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The network models on a two-tier topology: {@code b200-nvl8} (NVLink inside 8-GPU nodes,
 * InfiniBand between them) resized to 256 GPUs.
 *
 * <p>{@link #analyticalCollective} prices {@value #COLLECTIVES} collectives (every kind, group
 * sizes 2 to 128 inside and across nodes, 4 KiB to 64 MiB per device) through the allocation-free
 * path strategies use. {@link #simulatedExchange} simulates one 128 × 128 M×N exchange: GPUs 0–127
 * each send 1 MiB spread over all 128 GPUs 128–255 (16,384 flows through the max-min fair flow
 * simulator).
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NetworkModelBenchmark {
  static final int COLLECTIVES = 256;

  private AnalyticalNetworkModel analytical;
  private SimulatedNetworkModel simulated;
  private CollectiveKind[] kinds;
  private double[] bytes;
  private DeviceGroup[] groups;

  /** Builds the models and the collectives. */
  @Setup
  public void setUp() {
    AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
    ClusterSpec cluster = ClusterSpec.of(engine.system("b200-nvl8").withDeviceCount(256));
    analytical = new AnalyticalNetworkModel(cluster);
    simulated = new SimulatedNetworkModel(cluster);
    kinds = new CollectiveKind[COLLECTIVES];
    bytes = new double[COLLECTIVES];
    groups = new DeviceGroup[COLLECTIVES];
    CollectiveKind[] all = CollectiveKind.values();
    for (int index = 0; index < COLLECTIVES; index++) {
      kinds[index] = all[index % all.length];
      bytes[index] = 4096.0 * (1L << (index % 15));
      int size = 2 << (index / all.length % 7);
      groups[index] = new DeviceGroup(0, (index % 2) * 4 * (size < 8 ? 1 : 0), size);
    }
  }

  /** Analytical collectives, seconds only (allocation-free). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(COLLECTIVES)
  public void analyticalCollective(Blackhole blackhole) {
    for (int index = 0; index < COLLECTIVES; index++) {
      blackhole.consume(analytical.collectiveSeconds(kinds[index], bytes[index], groups[index]));
    }
  }

  /** One simulated 128 × 128 exchange. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double simulatedExchange() {
    return simulated
        .exchange(new DeviceGroup(0, 0, 128), new DeviceGroup(0, 128, 128), 1 << 20, 128)
        .seconds();
  }
}

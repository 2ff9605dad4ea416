package dev.afd.engine.network;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.List;

/**
 * Systems for network tests, from the AIConfigurator system files (h100_sxm.yaml: 8 GPUs per node,
 * 450 GB/s NVLink and 50 GB/s InfiniBand per GPU per direction).
 */
final class TestingSystems {

  static final double NVLINK_BYTES_PER_SECOND = 450e9;
  static final double NVLINK_LATENCY_SECONDS = 0.7e-6;
  static final double INFINIBAND_BYTES_PER_SECOND = 50e9;
  static final double INFINIBAND_LATENCY_SECONDS = 5e-6;

  private TestingSystems() {}

  static AcceleratorSpec h100() {
    return AcceleratorSpec.builder("nvidia-h100-sxm")
        .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(989))
        .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(1978))
        .memoryCapacityPerDevice(DataSize.ofGibibytes(80))
        .memoryBandwidth(ByteRate.ofGigabytesPerSecond(3350))
        .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(450))
        .scaleOutBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(50))
        .build();
  }

  static NetworkDimension nvlink(int size) {
    return new NetworkDimension(
        "nvlink",
        DimensionKind.SWITCH,
        size,
        ByteRate.ofBytesPerSecond(NVLINK_BYTES_PER_SECOND),
        TimeSpan.ofSeconds(NVLINK_LATENCY_SECONDS));
  }

  static NetworkDimension infiniband(int nodes) {
    return new NetworkDimension(
        "infiniband",
        DimensionKind.SWITCH,
        nodes,
        ByteRate.ofBytesPerSecond(INFINIBAND_BYTES_PER_SECOND),
        TimeSpan.ofSeconds(INFINIBAND_LATENCY_SECONDS));
  }

  /** {@return an H100 system of {@code nodes} nodes of 8 GPUs: NVLink switch, then InfiniBand} */
  static SystemSpec h100Nodes(int nodes) {
    return new SystemSpec(
        "h100-nvl8",
        "H100 SXM, 8 per NVLink switch",
        h100(),
        List.of(nvlink(8), infiniband(nodes)));
  }

  static ClusterSpec h100Cluster(int nodes) {
    return ClusterSpec.of(h100Nodes(nodes));
  }

  /** {@return a one-dimension system of the given kind: n devices, 100 GB/s, 1 µs} */
  static ClusterSpec single(DimensionKind kind, int size) {
    NetworkDimension dimension =
        new NetworkDimension(
            kind.id(), kind, size, ByteRate.ofGigabytesPerSecond(100), TimeSpan.ofMicros(1));
    return ClusterSpec.of(new SystemSpec("test-" + kind.id(), "test", h100(), List.of(dimension)));
  }
}

package dev.afd.engine.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a {@link SystemSpec} from an AIConfigurator {@code systems/<system>.yaml} (GPUs per node,
 * NVLink and InfiniBand bandwidth per GPU per direction), for the accuracy check, until a hardware
 * catalog exists.
 */
final class AiconfiguratorSystems {

  /**
   * One NVLink hop: NCCL's tuner charges 0.6 µs per NVLink hop for its LL protocol; the measured
   * small-message all-gather grows by about 0.8 µs per added GPU (H100, 2 → 8 GPUs).
   */
  static final TimeSpan NVLINK_LATENCY = TimeSpan.ofMicros(0.7);

  /**
   * One InfiniBand switch hop including the NIC: an assumption, not fitted (no multi-node data).
   */
  static final TimeSpan INFINIBAND_LATENCY = TimeSpan.ofMicros(5);

  private AiconfiguratorSystems() {}

  static SystemSpec read(Path yaml, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
    } catch (IOException e) {
      throw new AfdConfigurationException("Cannot read system file '" + yaml + "': " + e, e);
    }
    JsonNode gpu = root.path("gpu");
    JsonNode node = root.path("node");
    AcceleratorSpec accelerator =
        AcceleratorSpec.builder(name.replace('_', '-'))
            .denseFlopRate(
                Precision.BF16,
                FlopRate.ofTeraflopsPerSecond(number(gpu, "bfloat16_tc_flops", yaml) / 1e12))
            .memoryCapacityPerDevice(DataSize.ofBytes((long) number(gpu, "mem_capacity", yaml)))
            .memoryBandwidth(ByteRate.ofBytesPerSecond(number(gpu, "mem_bw", yaml)))
            .scaleUpBandwidthPerDirection(
                ByteRate.ofBytesPerSecond(number(node, "intra_node_bw", yaml)))
            .scaleOutBandwidthPerDirection(
                ByteRate.ofBytesPerSecond(number(node, "inter_node_bw", yaml)))
            .source(yaml.toString())
            .build();
    int perNode = (int) number(node, "num_gpus_per_node", yaml);
    return new SystemSpec(
        name.replace('_', '-'),
        "from " + yaml.getFileName(),
        accelerator,
        List.of(
            new NetworkDimension(
                "nvlink",
                DimensionKind.SWITCH,
                perNode,
                accelerator.scaleUpBandwidthPerDirection(),
                NVLINK_LATENCY),
            new NetworkDimension(
                "infiniband",
                DimensionKind.SWITCH,
                1,
                accelerator.scaleOutBandwidthPerDirection(),
                INFINIBAND_LATENCY)));
  }

  private static double number(JsonNode parent, String field, Path yaml) {
    JsonNode value = parent.get(field);
    if (value == null || !value.isNumber()) {
      throw new AfdConfigurationException(
          "System file '" + yaml + "' has no number at '" + field + "'");
    }
    return value.asDouble();
  }
}

package dev.afd.engine.hardware;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.List;

/** A stand-in for the built-in catalog, which afd-engine must not depend on. */
final class TestingHardware {
  static final AcceleratorSpec H200 =
      AcceleratorSpec.builder("nvidia-h200-sxm")
          .name("NVIDIA H200 SXM 141GB")
          .vendor("NVIDIA")
          .denseFlopRate(Precision.BF16, FlopRate.parse("989 TFLOP/s"))
          .denseFlopRate(Precision.FP8, FlopRate.parse("1979 TFLOP/s"))
          .memoryCapacityPerDevice(DataSize.parse("141 GiB"))
          .memoryBandwidth(ByteRate.parse("4.8 TB/s"))
          .onChipMemory(DataSize.parse("50 MB"), ByteRate.ZERO)
          .scaleUpBandwidthPerDirection(ByteRate.parse("450 GB/s"))
          .scaleOutBandwidthPerDirection(ByteRate.parse("400 Gbit/s"))
          .thermalDesignPowerWatts(700)
          .source("NVIDIA H200 datasheet")
          .build();

  static final SystemSpec H200_NVL8 =
      new SystemSpec(
          "h200-nvl8",
          "8x H200 per node, 4 nodes",
          H200,
          List.of(
              new NetworkDimension(
                  "nvlink",
                  DimensionKind.SWITCH,
                  8,
                  ByteRate.parse("450 GB/s"),
                  TimeSpan.parse("1 us")),
              new NetworkDimension(
                  "infiniband",
                  DimensionKind.SWITCH,
                  4,
                  ByteRate.parse("400 Gbit/s"),
                  TimeSpan.parse("5 us"))));

  static final HardwareLookup LOOKUP = HardwareLookup.of(List.of(H200), List.of(H200_NVL8));

  private TestingHardware() {}
}

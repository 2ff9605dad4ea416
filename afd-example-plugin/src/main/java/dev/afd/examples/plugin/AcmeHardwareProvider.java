package dev.afd.examples.plugin;

import com.google.auto.service.AutoService;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.spi.HardwareProvider;
import java.util.List;

/**
 * Contributes the fictional Acme NPU and a 64-NPU pod of it.
 *
 * <p>The NPU is unlike a GPU in the way that matters for MoE decode: it has 512 MiB of on-chip SRAM
 * at 80 TB/s next to a modest 32 GiB of HBM at 1.6 TB/s. The engine's roofline prices operators at
 * {@link AcceleratorSpec#memoryBandwidth()}; {@code hetero-afd} ({@link HeteroAfdStrategyProvider})
 * is the strategy that makes {@link AcceleratorSpec#onChipMemory()} and {@link
 * AcceleratorSpec#onChipBandwidth()} count, by streaming the share of expert weights that fits in
 * SRAM at SRAM speed.
 *
 * <p>The numbers are illustrative, not a product's datasheet. Stateless: the specs are built once,
 * in a static field, with no I/O.
 */
@AutoService(HardwareProvider.class)
public final class AcmeHardwareProvider implements HardwareProvider {
  /** The accelerator's id, stable forever: it is written in CLI arguments and saved results. */
  public static final String NPU_ID = "acme-npu";

  /** The pod's id. */
  public static final String POD_ID = "acme-npu-pod-64";

  /** NPUs on one board, joined by the Acme chip-to-chip ring. */
  private static final int NPUS_PER_BOARD = 16;

  /** Boards in a pod, joined by Ethernet. */
  private static final int BOARDS_PER_POD = 4;

  private static final AcceleratorSpec NPU =
      AcceleratorSpec.builder(NPU_ID)
          .name("Acme NPU")
          .vendor("Acme")
          // Dense (not 2:4-sparse) tensor peaks.
          .denseFlopRate(Precision.BF16, FlopRate.ofTeraflopsPerSecond(400))
          .denseFlopRate(Precision.FP8, FlopRate.ofTeraflopsPerSecond(800))
          .memoryCapacityPerDevice(DataSize.ofGibibytes(32))
          .memoryBandwidth(ByteRate.ofTerabytesPerSecond(1.6))
          // The point of the chip: hundreds of MB of SRAM at fifty times the HBM bandwidth.
          .onChipMemory(DataSize.ofMebibytes(512), ByteRate.ofTerabytesPerSecond(80))
          // Acme-link, per device per direction; scale-out is 400 Gbit/s Ethernet (50 GB/s).
          .scaleUpBandwidthPerDirection(ByteRate.ofGigabytesPerSecond(400))
          .scaleOutBandwidthPerDirection(ByteRate.ofGigabitsPerSecond(400))
          .thermalDesignPowerWatts(450)
          // Share of peak that large GEMMs and streaming kernels reach on a compiler-scheduled NPU.
          .efficiencies(0.75, 0.85)
          .kernelOverhead(TimeSpan.ofMicros(2))
          .source("Fictional accelerator of the afd example plugin; illustrative numbers")
          .build();

  private static final SystemSpec POD =
      new SystemSpec(
          POD_ID,
          "16 Acme NPUs per board on an Acme-link ring, 4 boards on 400 Gbit/s Ethernet",
          NPU,
          List.of(
              new NetworkDimension(
                  "acme-link",
                  DimensionKind.RING,
                  NPUS_PER_BOARD,
                  ByteRate.ofGigabytesPerSecond(400),
                  TimeSpan.ofMicros(1)),
              new NetworkDimension(
                  "ethernet",
                  DimensionKind.SWITCH,
                  BOARDS_PER_POD,
                  ByteRate.ofGigabitsPerSecond(400),
                  TimeSpan.ofMicros(8))));

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public AcmeHardwareProvider() {}

  @Override
  public String id() {
    return "acme";
  }

  @Override
  public String description() {
    return "Acme NPU: 512 MiB of on-chip SRAM at 80 TB/s, 32 GiB of HBM";
  }

  @Override
  public List<AcceleratorSpec> accelerators() {
    return List.of(NPU);
  }

  @Override
  public List<SystemSpec> systems() {
    return List.of(POD);
  }
}

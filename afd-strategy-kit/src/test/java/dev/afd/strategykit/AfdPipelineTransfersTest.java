package dev.afd.strategykit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.Fidelity;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.EmbeddingBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.LmHeadBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.Flow;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfdPipelineTransfersTest {
  private static final Precision BF16 = Precision.BF16;

  /** Hidden 1024, 8 experts, top-2, BF16 activations: one MoE layer group. */
  private static final MoeModelSpec MODEL =
      new MoeModelSpec(
          "tiny-moe",
          "Tiny MoE",
          "kit test fixture",
          1024,
          1 << 20,
          BF16,
          List.of(
              new EmbeddingBlock(32000, 1024, BF16, BF16, false),
              new LmHeadBlock(32000, 1024, false, BF16, BF16, false)),
          List.of(
              new LayerGroup(
                  "moe",
                  2,
                  List.<Block>of(
                      new GqaAttentionBlock(
                          1024, 8, 8, 128, 0, false, false, false, BF16, BF16, BF16),
                      new MoeFfnBlock(
                          1024, 8, 2, 512, 0, 0, true, 0, false, BF16, BF16, BF16, BF16)))),
          List.of());

  private static final DeviceGroup ATTENTION = new DeviceGroup(0, 0, 4);
  private static final DeviceGroup FFN = new DeviceGroup(1, 0, 8);

  private final StepPricer pricer =
      new StepPricer(MODEL, new TestingUnusedCostModel(), new TestingLinearNetwork());

  @Test
  void sendsEachTensorParallelRanksShareToTheDevicesATokenReaches() {
    // A custom reach: top-k = 2 devices. 64 tokens per rank over attention TP 2 = 32 per sender;
    // A→F: 32 · 2 devices · 1024 hidden · 2 B = 131,072 B → 131.072 µs at 1 GB/s.
    // F→A: the same bytes in the same format, spread from 8 FFN devices back to 4 attention
    // devices: 131,072 · 4 / 8 = 65,536 B → 65.536 µs.
    AfdPipeline.Reach topK = (moe, ffnDevices) -> Math.min(ffnDevices, moe.topK());
    double[][] seconds = AfdPipeline.transfers(MODEL, pricer, ATTENTION, FFN, 64, 2, topK, BF16);
    assertThat(seconds[0][0]).isCloseTo(131_072e-9, within(1e-15));
    assertThat(seconds[0][1]).isCloseTo(65_536e-9, within(1e-15));
  }

  @Test
  void expectedReachCountsDistinctDevicesUnderUniformRouting() {
    // EP 4: 2 experts per device; a device is missed by both choices with C(6,2)/C(8,2) = 15/28,
    // so a token reaches 4 · 13/28 = 13/7 devices: A→F 32 · 13/7 · 2048 B = 119,149.71 B.
    double[][] seconds =
        AfdPipeline.transfers(
            MODEL, pricer, ATTENTION, FFN, 64, 2, AfdPipeline.Reach.expected(1, 4), BF16);
    assertThat(seconds[0][0]).isCloseTo(32 * 13.0 / 7 * 2048 * 1e-9, within(1e-15));
  }

  @Test
  void anFp8DispatchHalvesTheWayOutButNotTheWayBack() {
    // FP8 dispatch: 1 B per element out (65,536 B); the combine returns in BF16, 2 B per
    // element: 65,536 · 2 / 1 · 4 / 8 = 65,536 B.
    AfdPipeline.Reach two = (moe, ffnDevices) -> 2;
    double[][] seconds =
        AfdPipeline.transfers(MODEL, pricer, ATTENTION, FFN, 64, 2, two, Precision.FP8);
    assertThat(seconds[0][0]).isCloseTo(65_536e-9, within(1e-15));
    assertThat(seconds[0][1]).isCloseTo(65_536e-9, within(1e-15));
  }

  /** Every sender moves its bytes at 1 GB/s with no latency, whatever the placement. */
  private static final class TestingLinearNetwork implements NetworkModel {
    @Override
    public String id() {
      return "testing-linear";
    }

    @Override
    public CommunicationTime collective(
        CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
      return new CommunicationTime(bytesPerDevice * 1e-9, id(), Fidelity.ROOFLINE);
    }

    @Override
    public CommunicationTime exchange(
        DeviceGroup senders,
        DeviceGroup receivers,
        double bytesPerSender,
        int destinationsPerSender) {
      return new CommunicationTime(bytesPerSender * 1e-9, id(), Fidelity.ROOFLINE);
    }

    @Override
    public CommunicationTime traffic(List<Flow> flows) {
      throw new IllegalStateException("transfers price exchanges only");
    }
  }

  /** Transfers price no kernel; a call here is a bug. */
  private static final class TestingUnusedCostModel implements KernelCostModel {
    @Override
    public String id() {
      return "testing-unused";
    }

    @Override
    public OperatorTime time(Operator operator, AcceleratorSpec accelerator) {
      throw new IllegalStateException("transfers price no kernel");
    }
  }
}

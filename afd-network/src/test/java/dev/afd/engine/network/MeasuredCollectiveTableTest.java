package dev.afd.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.Fidelity;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredCollectiveTableTest {

  private static final double MIB = 1 << 20;

  private final MeasuredCollectiveTable table =
      new MeasuredCollectiveTable(
          "fixture",
          List.of(
              new MeasuredCollectiveTable.Sample(CollectiveKind.ALL_REDUCE, 8, MIB, 20e-6),
              new MeasuredCollectiveTable.Sample(CollectiveKind.ALL_REDUCE, 8, MIB, 80e-6),
              new MeasuredCollectiveTable.Sample(CollectiveKind.ALL_REDUCE, 8, 4 * MIB, 160e-6)));

  @Test
  void mergesRepeatsByGeometricMean() {
    // √(20 µs · 80 µs) = 40 µs.
    CommunicationTime time = table.lookup(CollectiveKind.ALL_REDUCE, 8, MIB).orElseThrow();
    assertThat(time.seconds()).isCloseTo(40e-6, withinPercentage(1e-9));
    assertThat(time.fidelity()).isEqualTo(Fidelity.MEASURED);
    assertThat(time.model()).isEqualTo("calibrated");
    assertThat(table.samples()).hasSize(2);
  }

  @Test
  void interpolatesLogLog() {
    // Halfway in log(bytes) between 1 MiB (40 µs) and 4 MiB (160 µs): √(40·160) = 80 µs.
    CommunicationTime time = table.lookup(CollectiveKind.ALL_REDUCE, 8, 2 * MIB).orElseThrow();
    assertThat(time.seconds()).isCloseTo(80e-6, withinPercentage(1e-9));
    assertThat(time.fidelity()).isEqualTo(Fidelity.INTERPOLATED);
  }

  @Test
  void coversOnlyMeasuredGroupSizesAndRange() {
    assertThat(table.lookup(CollectiveKind.ALL_REDUCE, 4, MIB)).isEmpty();
    assertThat(table.lookup(CollectiveKind.ALL_REDUCE, 8, 8 * MIB)).isEmpty();
    assertThat(table.lookup(CollectiveKind.ALL_GATHER, 8, MIB)).isEmpty();
    assertThat(table.groupSizes(CollectiveKind.ALL_REDUCE)).containsExactly(8);
  }
}

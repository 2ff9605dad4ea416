package dev.afd.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.Fidelity;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NcclCalibrationTest {

  private final AnalyticalNetworkModel model =
      new AnalyticalNetworkModel(TestingSystems.h100Cluster(2), AnalyticalParameters.IDEAL);

  /** Synthetic measurements from two known protocols, min of both, 2–8 GPUs, 256 B..256 MiB. */
  private List<MeasuredCollectiveTable.Sample> synthetic() {
    List<MeasuredCollectiveTable.Sample> samples = new ArrayList<>();
    for (int n : new int[] {2, 4, 8}) {
      for (double bytes = 256; bytes <= (1 << 28); bytes *= 2) {
        double low =
            model.collectiveSeconds(
                CollectiveKind.ALL_GATHER, bytes, DeviceGroup.first(n), 0.25, 6e-6);
        double high =
            model.collectiveSeconds(
                CollectiveKind.ALL_GATHER, bytes, DeviceGroup.first(n), 0.7, 20e-6);
        samples.add(
            new MeasuredCollectiveTable.Sample(
                CollectiveKind.ALL_GATHER, n, bytes, Math.min(low, high)));
      }
    }
    return samples;
  }

  @Test
  void recoversKnownProtocols() {
    NetworkCalibration calibration = NcclCalibration.fit("synthetic", synthetic(), model);
    List<ProtocolFit> fits = calibration.protocols(CollectiveKind.ALL_GATHER);
    assertThat(fits).extracting(ProtocolFit::name).containsExactly("low-latency", "bandwidth");
    assertThat(fits.get(0).latency().seconds()).isCloseTo(6e-6, withinPercentage(0.1));
    assertThat(fits.get(0).efficiency()).isCloseTo(0.25, withinPercentage(0.1));
    assertThat(fits.get(1).latency().seconds()).isCloseTo(20e-6, withinPercentage(0.1));
    assertThat(fits.get(1).efficiency()).isCloseTo(0.7, withinPercentage(0.1));
    assertThat(calibration.protocols(CollectiveKind.ALL_TO_ALL)).isEmpty();
  }

  @Test
  void calibratedModelUsesTheTableInsideANodeAndTheFitBeyond() {
    List<MeasuredCollectiveTable.Sample> samples = synthetic();
    NetworkCalibration calibration = NcclCalibration.fit("synthetic", samples, model);
    MeasuredCollectiveTable table = new MeasuredCollectiveTable("synthetic", samples);
    CalibratedNetworkModel calibrated = new CalibratedNetworkModel(model, calibration, table);

    CommunicationTime measured =
        calibrated.collective(CollectiveKind.ALL_GATHER, 1 << 20, DeviceGroup.first(8));
    assertThat(measured.fidelity()).isEqualTo(Fidelity.MEASURED);

    CommunicationTime interpolated =
        calibrated.collective(CollectiveKind.ALL_GATHER, 3 << 20, DeviceGroup.first(8));
    assertThat(interpolated.fidelity()).isEqualTo(Fidelity.INTERPOLATED);

    // 16 GPUs span two nodes: the table (one node) does not cover it; the fitted bandwidth
    // protocol prices the hierarchical algorithm.
    CommunicationTime beyond =
        calibrated.collective(CollectiveKind.ALL_GATHER, 1 << 26, DeviceGroup.first(16));
    assertThat(beyond.fidelity()).isEqualTo(Fidelity.ROOFLINE);
    assertThat(beyond.model()).isEqualTo("calibrated");
    assertThat(beyond.seconds())
        .isCloseTo(
            model.collectiveSeconds(
                CollectiveKind.ALL_GATHER, 1 << 26, DeviceGroup.first(16), 0.7, 20e-6),
            withinPercentage(0.5));

    // No all-reduce fit: the analytical model answers with its own parameters.
    assertThat(
            calibrated.collective(CollectiveKind.ALL_REDUCE, 1 << 20, DeviceGroup.first(8)).model())
        .isEqualTo("analytical");
  }
}

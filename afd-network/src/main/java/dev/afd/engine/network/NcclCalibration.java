package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.unit.TimeSpan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the analytical model to measured collectives: per collective, one or two protocols, each a
 * fixed latency {@code α_p} and a bandwidth efficiency {@code η_p}, so that
 *
 * <pre>t ≈ min over p of ( α_p + L + W/η_p )</pre>
 *
 * <p>where {@code L} and {@code W} are the latency and bandwidth parts the analytical model gives
 * for the measured group (at η = 1, no overhead). This is NCCL's own tuning form: every protocol
 * (LL for small messages, Simple for large) has its latency and bandwidth, and the fastest runs.
 *
 * <p>The fit alternates: start with messages below 1 MiB on the low-latency protocol and the rest
 * on the bandwidth protocol; fit each protocol's {@code (α_p, 1/η_p)} by linear least squares on
 * the relative error ({@code Σ((α_p + L + W/η_p)/t − 1)²}, with {@code α_p >= 0} and {@code η_p <=
 * 1}); reassign each measurement to the protocol that predicts it faster; repeat until no
 * measurement moves. Two parameters per protocol and collective: never one per row.
 */
public final class NcclCalibration {

  /** Messages below this start on the low-latency protocol. */
  static final double INITIAL_SPLIT_BYTES = 1 << 20;

  private static final int MAX_ROUNDS = 100;

  private NcclCalibration() {}

  /**
   * Fits every collective the samples cover.
   *
   * @param system the measured system's name, for reports
   * @param samples the measurements
   * @param model the analytical model of the measured system (its efficiency and overhead are
   *     ignored); groups are the first {@code groupSize} devices of its system 0
   * @return the calibration
   */
  public static NetworkCalibration fit(
      String system, List<MeasuredCollectiveTable.Sample> samples, AnalyticalNetworkModel model) {
    requireNonNull(system, "system");
    requireNonNull(model, "model");
    Map<CollectiveKind, List<MeasuredCollectiveTable.Sample>> byKind =
        new EnumMap<>(CollectiveKind.class);
    for (MeasuredCollectiveTable.Sample sample : samples) {
      byKind.computeIfAbsent(sample.kind(), unused -> new ArrayList<>()).add(sample);
    }
    Map<CollectiveKind, List<ProtocolFit>> protocols = new EnumMap<>(CollectiveKind.class);
    for (Map.Entry<CollectiveKind, List<MeasuredCollectiveTable.Sample>> entry :
        byKind.entrySet()) {
      protocols.put(entry.getKey(), fitKind(entry.getKey(), entry.getValue(), model));
    }
    return new NetworkCalibration(system, protocols);
  }

  private static List<ProtocolFit> fitKind(
      CollectiveKind kind,
      List<MeasuredCollectiveTable.Sample> samples,
      AnalyticalNetworkModel model) {
    int count = samples.size();
    double[] seconds = new double[count];
    double[] latency = new double[count];
    double[] bandwidth = new double[count];
    boolean[] low = new boolean[count];
    for (int index = 0; index < count; index++) {
      MeasuredCollectiveTable.Sample sample = samples.get(index);
      CollectiveCost cost =
          model.collectiveCost(kind, sample.bytes(), DeviceGroup.first(sample.groupSize()), 1.0, 0);
      seconds[index] = sample.seconds();
      latency[index] = cost.latencySeconds();
      bandwidth[index] = cost.bandwidthSeconds();
      low[index] = sample.bytes() < INITIAL_SPLIT_BYTES;
    }
    double[] lowFit = null;
    double[] bandwidthFit = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      lowFit = fitSubset(seconds, latency, bandwidth, low, true);
      bandwidthFit = fitSubset(seconds, latency, bandwidth, low, false);
      if (lowFit == null || bandwidthFit == null) {
        break;
      }
      boolean moved = false;
      for (int index = 0; index < count; index++) {
        double viaLow = lowFit[0] + latency[index] + bandwidth[index] * lowFit[1];
        double viaBandwidth = bandwidthFit[0] + latency[index] + bandwidth[index] * bandwidthFit[1];
        boolean assign = viaLow < viaBandwidth;
        if (assign != low[index]) {
          low[index] = assign;
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    List<ProtocolFit> fits = new ArrayList<>();
    if (lowFit == null || bandwidthFit == null) {
      boolean[] all = new boolean[count];
      double[] single = fitSubset(seconds, latency, bandwidth, all, false);
      if (single == null) {
        throw new IllegalArgumentException(
            "calibration of " + kind.id() + " needs at least 2 samples, got " + count);
      }
      fits.add(protocol("bandwidth", single));
      return fits;
    }
    fits.add(protocol("low-latency", lowFit));
    fits.add(protocol("bandwidth", bandwidthFit));
    return fits;
  }

  private static ProtocolFit protocol(String name, double[] fit) {
    return new ProtocolFit(name, TimeSpan.ofSeconds(fit[0]), 1 / fit[1]);
  }

  /**
   * Least squares on relative error for the rows where {@code low[i] == wanted}.
   *
   * @return {alpha seconds, 1/efficiency}, or null with fewer than 2 rows
   */
  private static double[] fitSubset(
      double[] seconds, double[] latency, double[] bandwidth, boolean[] low, boolean wanted) {
    double uu = 0;
    double uv = 0;
    double vv = 0;
    double ur = 0;
    double vr = 0;
    int rows = 0;
    for (int index = 0; index < seconds.length; index++) {
      if (low[index] != wanted) {
        continue;
      }
      // Relative residual: (α + c·W)/t − (1 − L/t), linear in (α, c).
      double u = 1 / seconds[index];
      double v = bandwidth[index] / seconds[index];
      double r = 1 - latency[index] / seconds[index];
      uu += u * u;
      uv += u * v;
      vv += v * v;
      ur += u * r;
      vr += v * r;
      rows++;
    }
    if (rows < 2) {
      return null;
    }
    double determinant = uu * vv - uv * uv;
    double alpha = determinant != 0 ? (ur * vv - vr * uv) / determinant : 0;
    double inverse = determinant != 0 ? (uu * vr - uv * ur) / determinant : 1;
    if (alpha < 0) {
      alpha = 0;
      inverse = vv > 0 ? vr / vv : 1;
    }
    if (inverse < 1) {
      inverse = 1;
      alpha = Math.max(0, (ur - uv) / uu);
    }
    return new double[] {alpha, inverse};
  }
}

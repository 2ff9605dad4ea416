package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.network.Flow;
import dev.afd.api.network.NetworkModel;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A network model that answers from a measured table where it covers the question and from the
 * calibrated analytical model beyond.
 *
 * <p>Collectives: a group inside one scale-up domain (it spans only the innermost dimension) whose
 * size and message size the table covers gets the table's answer ({@link Fidelity#MEASURED} or
 * {@link Fidelity#INTERPOLATED}); otherwise the analytical model prices every fitted protocol of
 * the collective ({@code α_p + L + W/η_p}, see {@link NcclCalibration}) and the fastest answers
 * ({@link Fidelity#ROOFLINE}, model {@code "calibrated"}). A collective without a fit falls back to
 * the analytical model's own parameters (model {@code "analytical"}). Exchanges and traffic use the
 * all-to-all fits, since NCCL runs them on the same point-to-point machinery.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalibratedNetworkModel implements NetworkModel {

  /** The id results carry. */
  public static final String ID = "calibrated";

  private final AnalyticalNetworkModel base;
  private final NetworkCalibration calibration;
  private final @Nullable MeasuredCollectiveTable table;

  /**
   * Creates the model.
   *
   * @param base the analytical model of the cluster
   * @param calibration the fitted protocols
   * @param table measured collectives of the cluster's primary system, or null for none
   */
  public CalibratedNetworkModel(
      AnalyticalNetworkModel base,
      NetworkCalibration calibration,
      @Nullable MeasuredCollectiveTable table) {
    this.base = requireNonNull(base, "base");
    this.calibration = requireNonNull(calibration, "calibration");
    this.table = table;
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@return the calibration} */
  public NetworkCalibration calibration() {
    return calibration;
  }

  @Override
  public CommunicationTime collective(
      CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    ClusterTopology topology = base.topology();
    topology.checkCollective(kind, bytesPerDevice, group);
    if (table != null && group.systemIndex() == 0 && insideScaleUpDomain(topology, group)) {
      Optional<CommunicationTime> measured = table.lookup(kind, group.size(), bytesPerDevice);
      if (measured.isPresent()) {
        return measured.get();
      }
    }
    List<ProtocolFit> fits = calibration.protocols(kind);
    if (fits.isEmpty()) {
      return base.collective(kind, bytesPerDevice, group);
    }
    return new CommunicationTime(
        calibratedSeconds(kind, bytesPerDevice, group), ID, Fidelity.ROOFLINE);
  }

  /** {@return the calibrated analytical time, ignoring the table} */
  double calibratedSeconds(CollectiveKind kind, double bytesPerDevice, DeviceGroup group) {
    double best = Double.POSITIVE_INFINITY;
    for (ProtocolFit fit : calibration.protocols(kind)) {
      best =
          Math.min(
              best,
              base.collectiveSeconds(
                  kind, bytesPerDevice, group, fit.efficiency(), fit.latency().seconds()));
    }
    return best;
  }

  private static boolean insideScaleUpDomain(ClusterTopology topology, DeviceGroup group) {
    for (int dimension = 1; dimension < topology.dimensionCount(group.systemIndex()); dimension++) {
      if (topology.span(group.systemIndex(), group.firstDevice(), group.size(), dimension) > 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public CommunicationTime exchange(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinations) {
    List<ProtocolFit> fits = calibration.protocols(CollectiveKind.ALL_TO_ALL);
    if (fits.isEmpty()) {
      return base.exchange(senders, receivers, bytesPerSender, destinations);
    }
    double best = Double.POSITIVE_INFINITY;
    for (ProtocolFit fit : fits) {
      best =
          Math.min(
              best,
              base.exchangeSeconds(
                  senders,
                  receivers,
                  bytesPerSender,
                  destinations,
                  fit.efficiency(),
                  fit.latency().seconds()));
    }
    return new CommunicationTime(best, ID, Fidelity.ROOFLINE);
  }

  @Override
  public CommunicationTime traffic(List<Flow> flows) {
    List<ProtocolFit> fits = calibration.protocols(CollectiveKind.ALL_TO_ALL);
    if (fits.isEmpty()) {
      return base.traffic(flows);
    }
    double best = Double.POSITIVE_INFINITY;
    for (ProtocolFit fit : fits) {
      best = Math.min(best, base.trafficSeconds(flows, fit.efficiency(), fit.latency().seconds()));
    }
    return new CommunicationTime(best, ID, Fidelity.ROOFLINE);
  }
}

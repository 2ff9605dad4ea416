package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.api.network.DeviceGroup;
import dev.afd.api.unit.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prices one collective on a system, for {@code afd network estimate --system S --collective K
 * --group N --bytes X [--simulate] [--json]}.
 *
 * <p>The system grows to hold the group if it is smaller; the group is its first {@code N} devices.
 * The time comes from the analytical model, or the simulator with {@code simulate}; the
 * per-dimension breakdown is always the analytical decomposition of the fastest algorithm.
 * Stateless and thread-safe.
 */
public final class NetworkEstimate {

  /**
   * The most devices a simulated collective may span: 2048. An all-to-all over {@code n} devices
   * simulates {@code n²} flows; 2048 devices (4.2 million flows) ran in about 3 s and 0.5 GB on a
   * 2-core machine, 4096 took 1.7 GB, and 16384 ran out of memory after 37 s.
   */
  public static final int MAX_SIMULATED_GROUP = 2048;

  private NetworkEstimate() {}

  /**
   * The estimate.
   *
   * @param system the system id
   * @param collective the collective
   * @param groupSize devices in the group
   * @param bytesPerDevice the buffer per device
   * @param time the time and the model that gave it
   * @param algorithm the algorithm the analytical model found fastest
   * @param overheadSeconds the fixed overhead included in the time, in seconds
   * @param dimensions the analytical share of each spanned dimension, innermost first
   */
  public record Result(
      String system,
      CollectiveKind collective,
      int groupSize,
      DataSize bytesPerDevice,
      CommunicationTime time,
      CollectiveAlgorithm algorithm,
      double overheadSeconds,
      List<DimensionCost> dimensions) {

    /**
     * Validates and copies.
     *
     * @param system system
     * @param collective collective
     * @param groupSize group size
     * @param bytesPerDevice bytes
     * @param time time
     * @param algorithm algorithm
     * @param overheadSeconds overhead
     * @param dimensions shares
     */
    public Result {
      requireNonNull(system, "system");
      requireNonNull(collective, "collective");
      requireNonNull(bytesPerDevice, "bytesPerDevice");
      requireNonNull(time, "time");
      requireNonNull(algorithm, "algorithm");
      dimensions = List.copyOf(dimensions);
    }

    /** {@return a short human-readable report, numbers in {@link Locale#ROOT}} */
    public String toText() {
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              Locale.ROOT,
              "%s over %d devices of %s, %s per device: %.2f us (%s, %s, algorithm %s)\n",
              collective.id(),
              groupSize,
              system,
              bytesPerDevice,
              time.seconds() * 1e6,
              time.model(),
              time.fidelity().id(),
              algorithm.id()));
      text.append(String.format(Locale.ROOT, "  overhead: %.2f us\n", overheadSeconds * 1e6));
      for (DimensionCost dimension : dimensions) {
        text.append(
            String.format(
                Locale.ROOT,
                "  %s (%s, span %d): latency %.2f us, bandwidth %.2f us, %.0f bytes per device\n",
                dimension.dimension(),
                dimension.kind().id(),
                dimension.span(),
                dimension.latencySeconds() * 1e6,
                dimension.bandwidthSeconds() * 1e6,
                dimension.bytesPerDevice()));
      }
      return text.toString();
    }

    /** {@return the result as JSON with a fixed key order} */
    public String toJson() {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("system", system);
      root.put("collective", collective.id());
      root.put("groupSize", groupSize);
      root.put("bytesPerDevice", bytesPerDevice.bytes());
      root.put("seconds", time.seconds());
      root.put("model", time.model());
      root.put("fidelity", time.fidelity().id());
      root.put("algorithm", algorithm.id());
      root.put("overheadSeconds", overheadSeconds);
      List<Map<String, Object>> shares = new ArrayList<>();
      for (DimensionCost dimension : dimensions) {
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("dimension", dimension.dimension());
        share.put("kind", dimension.kind().id());
        share.put("span", dimension.span());
        share.put("latencySeconds", dimension.latencySeconds());
        share.put("bandwidthSeconds", dimension.bandwidthSeconds());
        share.put("bytesPerDevice", dimension.bytesPerDevice());
        shares.add(share);
      }
      root.put("dimensions", shares);
      try {
        return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(root);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write estimate as JSON", e);
      }
    }
  }

  /**
   * Estimates with {@link AnalyticalParameters#DEFAULT}.
   *
   * @param system the system
   * @param kind the collective
   * @param groupSize devices in the group, {@code >= 1}
   * @param bytesPerDevice the buffer per device
   * @param simulate whether the simulator gives the time
   * @return the estimate
   */
  public static Result estimate(
      SystemSpec system,
      CollectiveKind kind,
      int groupSize,
      DataSize bytesPerDevice,
      boolean simulate) {
    return estimate(
        system, kind, groupSize, bytesPerDevice, simulate, AnalyticalParameters.DEFAULT);
  }

  /**
   * Estimates.
   *
   * @param system the system
   * @param kind the collective
   * @param groupSize devices in the group, {@code >= 1}
   * @param bytesPerDevice the buffer per device
   * @param simulate whether the simulator gives the time
   * @param parameters efficiency and overhead
   * @return the estimate
   */
  public static Result estimate(
      SystemSpec system,
      CollectiveKind kind,
      int groupSize,
      DataSize bytesPerDevice,
      boolean simulate,
      AnalyticalParameters parameters) {
    requireNonNull(system, "system");
    requireNonNull(kind, "kind");
    requireNonNull(bytesPerDevice, "bytesPerDevice");
    if (groupSize < 1 || groupSize > SystemSpec.MAX_DEVICES) {
      throw new IllegalArgumentException(
          "group size must be between 1 and "
              + SystemSpec.MAX_DEVICES
              + " (SystemSpec.MAX_DEVICES), got '"
              + groupSize
              + "'");
    }
    if (simulate && groupSize > MAX_SIMULATED_GROUP) {
      throw new IllegalArgumentException(
          "a simulated group must hold at most "
              + MAX_SIMULATED_GROUP
              + " devices (NetworkEstimate.MAX_SIMULATED_GROUP), got '"
              + groupSize
              + "'");
    }
    SystemSpec sized =
        system.deviceCount() >= groupSize ? system : system.withDeviceCount(groupSize);
    ClusterSpec cluster = ClusterSpec.of(sized);
    DeviceGroup group = DeviceGroup.first(groupSize);
    AnalyticalNetworkModel analytical = new AnalyticalNetworkModel(cluster, parameters);
    double bytes = bytesPerDevice.bytes();
    CollectiveCost cost = analytical.collectiveCost(kind, bytes, group);
    CommunicationTime time =
        simulate
            ? new SimulatedNetworkModel(cluster, parameters).collective(kind, bytes, group)
            : analytical.collective(kind, bytes, group);
    return new Result(
        system.id(),
        kind,
        groupSize,
        bytesPerDevice,
        time,
        cost.algorithm(),
        cost.overheadSeconds(),
        cost.dimensions());
  }
}

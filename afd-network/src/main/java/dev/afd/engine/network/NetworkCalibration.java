package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.network.CollectiveKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fitted protocols per collective for one system, as {@link NcclCalibration} produces them.
 *
 * @param system the system the measurements came from
 * @param protocols per collective, one or two protocol fits; a missing collective is uncalibrated
 */
public record NetworkCalibration(String system, Map<CollectiveKind, List<ProtocolFit>> protocols) {

  /**
   * Validates and copies.
   *
   * @param system system
   * @param protocols protocols
   */
  public NetworkCalibration {
    requireNonNull(system, "system");
    EnumMap<CollectiveKind, List<ProtocolFit>> copy = new EnumMap<>(CollectiveKind.class);
    for (Map.Entry<CollectiveKind, List<ProtocolFit>> entry : protocols.entrySet()) {
      List<ProtocolFit> fits = List.copyOf(entry.getValue());
      if (fits.isEmpty()) {
        throw new IllegalArgumentException(
            "protocols of " + entry.getKey().id() + " must not be empty");
      }
      copy.put(entry.getKey(), fits);
    }
    protocols = Collections.unmodifiableMap(copy);
  }

  /** {@return the fits of a collective, empty when uncalibrated} */
  public List<ProtocolFit> protocols(CollectiveKind kind) {
    return protocols.getOrDefault(kind, List.of());
  }
}

package dev.afd.api.network;

import java.util.List;

/**
 * Prices communication on one cluster: collectives inside a placed group, M-by-N exchanges between
 * groups, and arbitrary traffic.
 *
 * <p>The engine creates one instance per cluster and hands it to strategies through {@link
 * dev.afd.spi.StrategyContext}. Implementations are immutable and thread-safe; every answer names
 * the model that gave it.
 *
 * @since 0.1
 */
public interface NetworkModel {

  /** {@return the model's id, for example {@code "analytical"} or {@code "simulated"}} */
  String id();

  /**
   * Prices a collective.
   *
   * @param kind the collective
   * @param bytesPerDevice the buffer size per device (for all-to-all, what one device sends in all)
   * @param group the participating devices
   * @return the time
   */
  CommunicationTime collective(CollectiveKind kind, double bytesPerDevice, DeviceGroup group);

  /**
   * Prices an M-by-N exchange: every sender sends {@code bytesPerSender} in total, spread evenly
   * over {@code destinationsPerSender} of the receivers (chosen so every receiver gets the same
   * share), all at once.
   *
   * @param senders the sending devices
   * @param receivers the receiving devices
   * @param bytesPerSender bytes each sender sends in total
   * @param destinationsPerSender distinct receivers each sender reaches, {@code 1..receivers}
   * @return the time until the last byte arrives
   */
  CommunicationTime exchange(
      DeviceGroup senders, DeviceGroup receivers, double bytesPerSender, int destinationsPerSender);

  /**
   * Prices arbitrary traffic; all flows share the network.
   *
   * @param flows the flows
   * @return the time until the last byte arrives
   */
  CommunicationTime traffic(List<Flow> flows);
}

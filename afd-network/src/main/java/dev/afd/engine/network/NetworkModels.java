package dev.afd.engine.network;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import java.util.function.Function;

/** The network models a study or {@code --network} names, by id. Stateless; thread-safe. */
public final class NetworkModels {
  private NetworkModels() {}

  /**
   * {@return how the named network model is made for a cluster}
   *
   * @param id {@code analytical} or {@code simulated}
   * @throws AfdConfigurationException for any other id, listing the known ones
   */
  public static Function<ClusterSpec, NetworkModel> byId(String id) {
    return switch (id) {
      case "analytical" -> AnalyticalNetworkModel::new;
      case "simulated" -> SimulatedNetworkModel::new;
      default ->
          throw new AfdConfigurationException(
              "Unknown network model '" + id + "'. Known network models: [analytical, simulated]");
    };
  }
}

package dev.afd.plugin.strategies.common;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import java.util.stream.Collectors;

/** Resolves a role's system option against the cluster. */
public final class Roles {
  private Roles() {}

  /** {@return the index in the cluster of the system named by an option ("primary" = 0)} */
  public static int systemIndex(ClusterSpec cluster, String option, String value) {
    if (value.equals("primary")) {
      return 0;
    }
    for (int index = 0; index < cluster.systems().size(); index++) {
      if (cluster.systems().get(index).id().equals(value)) {
        return index;
      }
    }
    throw new AfdConfigurationException(
        "Option '"
            + option
            + "' names system '"
            + value
            + "', which is not in cluster '"
            + cluster.id()
            + "'. Systems in the cluster: "
            + cluster.systems().stream()
                .map(SystemSpec::id)
                .sorted()
                .collect(Collectors.joining(", ", "[", "]")));
  }
}

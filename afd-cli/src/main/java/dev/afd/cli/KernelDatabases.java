package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import java.nio.file.Path;

/** Opens a kernel database directory as a cost model. */
final class KernelDatabases {
  private KernelDatabases() {}

  static KernelCostModel open(Path directory) {
    throw new AfdConfigurationException(
        "Kernel database '" + directory + "': measured kernel tables are not supported yet");
  }
}

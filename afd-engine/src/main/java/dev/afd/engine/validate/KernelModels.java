package dev.afd.engine.validate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Chooses the kernel cost model of a validation run. */
final class KernelModels {
  private KernelModels() {}

  /** {@return the measured kernel tables under {@code directory}, roofline where they miss} */
  static KernelCostModel measuredOrRoofline(Path directory) {
    Map<String, String> systems = new TreeMap<>(MeasuredKernelCostModel.DEFAULT_SYSTEMS);
    // The hardware catalog's B200 accelerator id is "nvidia-b200" (b200-nvl8); map it too.
    systems.putIfAbsent("nvidia-b200", "b200_sxm");
    return KernelCostModels.forDirectory(directory, systems);
  }

  /** {@return whether this build can price kernels from measured tables} */
  static boolean measuredAvailable() {
    return true;
  }
}

package dev.afd.engine.validate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.cost.KernelCostModels;
import java.nio.file.Path;

/** Chooses the kernel cost model of a validation run. */
final class KernelModels {
  private KernelModels() {}

  /** {@return the measured kernel tables under {@code directory}, roofline where they miss} */
  static KernelCostModel measuredOrRoofline(Path directory) {
    // MeasuredKernelCostModel.DEFAULT_SYSTEMS maps the catalog's accelerators (nvidia-b200
    // included) to their tables.
    return KernelCostModels.forDirectory(directory);
  }

  /** {@return whether this build can price kernels from measured tables} */
  static boolean measuredAvailable() {
    return true;
  }
}

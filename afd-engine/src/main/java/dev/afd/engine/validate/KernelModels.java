package dev.afd.engine.validate;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.cost.RooflineCostModel;
import java.nio.file.Path;

/** Chooses the kernel cost model of a validation run. */
final class KernelModels {
  private KernelModels() {}

  /**
   * {@return the measured kernel tables under {@code directory} when this build has a measured
   * kernel cost model, else the roofline}
   */
  static KernelCostModel measuredOrRoofline(Path directory) {
    return new RooflineCostModel();
  }

  /** {@return whether this build can price kernels from measured tables} */
  static boolean measuredAvailable() {
    return false;
  }
}

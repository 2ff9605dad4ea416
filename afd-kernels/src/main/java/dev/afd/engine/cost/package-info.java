/**
 * Kernel cost models: the roofline ({@link dev.afd.engine.cost.RooflineCostModel}) with its fitted
 * shape-dependent efficiencies ({@link dev.afd.engine.cost.RooflineCalibration}), and measured
 * kernel tables ({@link dev.afd.engine.cost.MeasuredKernelCostModel}); {@link
 * dev.afd.engine.cost.KernelCostModels} builds either for the CLI's {@code --kernel-db}.
 */
@NullMarked
package dev.afd.engine.cost;

import org.jspecify.annotations.NullMarked;

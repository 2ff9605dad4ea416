/**
 * Kernel cost models: the roofline ({@link dev.afd.engine.cost.RooflineCostModel}) and its
 * shape-dependent efficiencies.
 */
@NullMarked
package dev.afd.engine.cost;

import org.jspecify.annotations.NullMarked;

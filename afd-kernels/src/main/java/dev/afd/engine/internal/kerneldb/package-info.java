/**
 * Loads AIConfigurator-format kernel-latency databases and predicts kernel latencies from them.
 *
 * <p>Entry points: {@link dev.afd.engine.internal.kerneldb.KernelDatabase#open(java.nio.file.Path)}
 * finds the systems and tables of a database directory and loads tables lazily; {@link
 * dev.afd.engine.internal.kerneldb.LatencyGrid} indexes one table over a {@link
 * dev.afd.engine.internal.kerneldb.GridLayout} and interpolates between, or extrapolates beyond,
 * the measured points. {@link dev.afd.engine.internal.kerneldb.LeaveOneOutCheck} measures the
 * interpolation error against the reference data.
 */
@NullMarked
package dev.afd.engine.internal.kerneldb;

import org.jspecify.annotations.NullMarked;

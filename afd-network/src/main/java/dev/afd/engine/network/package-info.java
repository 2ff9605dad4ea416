/**
 * Network models: the analytical α-β model ({@link dev.afd.engine.network.AnalyticalNetworkModel}),
 * the congestion-aware flow-level simulator ({@link dev.afd.engine.network.SimulatedNetworkModel}),
 * NCCL-table calibration ({@link dev.afd.engine.network.CalibratedNetworkModel}) and the CLI facade
 * ({@code NetworkEstimate}).
 *
 * <p>Inside these classes, primitive doubles hold SI base units (seconds, bytes, bytes per second)
 * and carry the unit in their names; the public signatures use the {@code afd-api} types.
 */
@NullMarked
package dev.afd.engine.network;

import org.jspecify.annotations.NullMarked;

/**
 * The strategy kit: the building blocks afd's built-in strategies are made of, published so that a
 * third-party strategy prices its steps exactly as they do.
 *
 * <p>It depends on {@code afd-api} alone. {@link dev.afd.strategykit.StepPricer} prices one side of
 * a step (mixer or FFN blocks) through the context's kernel cost and network models; {@link
 * dev.afd.strategykit.AfdPipeline} composes attention, transfers and FFN into a micro-batched step;
 * {@link dev.afd.strategykit.Memory} accounts a device's memory; {@link dev.afd.strategykit.Roles}
 * places roles on the cluster's systems; {@link dev.afd.strategykit.Experts} answers
 * expert-parallel questions; {@link dev.afd.strategykit.Queueing} states the queueing assumption
 * behind TTFT; {@link dev.afd.strategykit.AfdUnit}, the higher layer, evaluates an attention-FFN
 * unit end to end from its layout and the two sides' placements. See {@code
 * docs/plugin-authors.md}, "Strategy kit".
 *
 * @since 0.2
 */
@NullMarked
package dev.afd.strategykit;

import org.jspecify.annotations.NullMarked;

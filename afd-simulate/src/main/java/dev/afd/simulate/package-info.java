/**
 * Request-level discrete-event simulation of one deployment ({@code afd simulate}): arrivals,
 * request lengths, prefix-cache hits, continuous batching with chunked prefill, prefill and decode
 * pools with their KV transfer. One event per scheduler iteration, priced with the same step
 * pricing the strategies use ({@link dev.afd.simulate.IterationPricer}); deterministic under a
 * seed. See {@code docs/simulate.md}.
 */
@NullMarked
package dev.afd.simulate;

import org.jspecify.annotations.NullMarked;

package dev.afd.simulate;

/**
 * One latency over the simulated requests, in seconds.
 *
 * @param requests requests it was measured on
 * @param mean exact mean
 * @param p50 median (within 0.05 %)
 * @param p90 90th percentile (within 0.05 %)
 * @param p99 99th percentile (within 0.05 %)
 * @param max exact maximum
 */
public record LatencySummary(
    long requests, double mean, double p50, double p90, double p99, double max) {}

/**
 * JMH benchmarks of afd's hot paths: {@link dev.afd.benchmarks.KernelCostModelBenchmark} prices
 * operators with the roofline and with measured kernel tables.
 */
@NullMarked
package dev.afd.benchmarks;

import org.jspecify.annotations.NullMarked;

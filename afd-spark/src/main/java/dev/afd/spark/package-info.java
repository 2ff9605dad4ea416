/**
 * Runs an afd study on Apache Spark: one task per scenario, the engine built once per partition on
 * the executors, results merged on the driver into the summary, frontier and recommendations the
 * local explorer produces. Entry point for {@code spark-submit}: {@link SparkExplore}.
 */
@NullMarked
package dev.afd.spark;

import org.jspecify.annotations.NullMarked;

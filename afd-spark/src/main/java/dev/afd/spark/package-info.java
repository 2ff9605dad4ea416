/**
 * Runs an afd study on Apache Spark: tasks by scenario and, for large scenarios, by candidate
 * range, the engine built once per executor JVM and reused, partial outcomes merged on the driver
 * into the summary, frontier and recommendations the local explorer produces; rows optionally
 * through Spark's Parquet writer. Entry point for {@code spark-submit} and {@code afd explore
 * --spark}: {@link SparkExplore}.
 */
@NullMarked
package dev.afd.spark;

import org.jspecify.annotations.NullMarked;

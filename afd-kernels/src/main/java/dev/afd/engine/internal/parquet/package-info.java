/**
 * A small, dependency-light reader for flat Apache Parquet files, used to load the measured
 * kernel-latency tables.
 *
 * <p>The entry point is {@link
 * dev.afd.engine.internal.parquet.ParquetTable#read(java.nio.file.Path)}, which decodes a whole
 * file into an immutable in-memory {@link dev.afd.engine.internal.parquet.ParquetTable}. Only flat
 * schemas (no nested or repeated columns) are supported, which is what pandas and pyarrow write for
 * data frames.
 */
@NullMarked
package dev.afd.engine.internal.parquet;

import org.jspecify.annotations.NullMarked;

/**
 * Physical quantities with explicit units ({@link dev.afd.api.unit.DataSize}, {@link
 * dev.afd.api.unit.ByteRate}, {@link dev.afd.api.unit.FlopCount}, {@link
 * dev.afd.api.unit.FlopRate}, {@link dev.afd.api.unit.TimeSpan}) and numeric {@link
 * dev.afd.api.unit.Precision}s; every type parses and prints canonical unit strings.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.unit;

import org.jspecify.annotations.NullMarked;

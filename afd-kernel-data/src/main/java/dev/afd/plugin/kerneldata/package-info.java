/**
 * The built-in kernel database: NVIDIA AIConfigurator's measured kernel tables, shipped as class
 * path resources under {@code dev/afd/kerneldata/systems}.
 */
@NullMarked
package dev.afd.plugin.kerneldata;

import org.jspecify.annotations.NullMarked;

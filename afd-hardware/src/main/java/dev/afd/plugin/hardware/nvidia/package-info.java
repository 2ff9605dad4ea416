/**
 * Built-in NVIDIA accelerators and systems; the numbers and their datasheet sources live in {@code
 * hardware.catalog} beside this package.
 */
@NullMarked
package dev.afd.plugin.hardware.nvidia;

import org.jspecify.annotations.NullMarked;

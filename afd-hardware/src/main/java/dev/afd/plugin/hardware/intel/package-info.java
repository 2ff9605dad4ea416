/**
 * Built-in Intel Gaudi accelerators and systems; the numbers and their datasheet sources live in
 * {@code hardware.catalog} beside this package.
 */
@NullMarked
package dev.afd.plugin.hardware.intel;

import org.jspecify.annotations.NullMarked;

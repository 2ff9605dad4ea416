/**
 * Hardware descriptions for users: custom accelerators, systems and clusters read from YAML or JSON
 * files ({@link dev.afd.engine.hardware.HardwareFiles}) and the views behind {@code afd hardware
 * list} and {@code afd hardware show} ({@link dev.afd.engine.hardware.HardwareDescription}).
 */
@NullMarked
package dev.afd.engine.hardware;

import org.jspecify.annotations.NullMarked;

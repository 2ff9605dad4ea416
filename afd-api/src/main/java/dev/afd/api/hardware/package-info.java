/**
 * Accelerators ({@link dev.afd.api.hardware.AcceleratorSpec}) and the systems and network
 * dimensions that join them ({@link dev.afd.api.hardware.SystemSpec}).
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.hardware;

import org.jspecify.annotations.NullMarked;

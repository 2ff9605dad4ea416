/**
 * The example third-party plugin: {@link dev.afd.examples.plugin.AcmeHardwareProvider} contributes
 * a fictional SRAM-rich NPU and a pod of it, and {@link
 * dev.afd.examples.plugin.HeteroAfdStrategyProvider} contributes {@code hetero-afd}, which runs
 * attention on the GPUs of a cluster's primary system and the FFN on another system's devices,
 * streaming expert weights from on-chip SRAM where they fit.
 *
 * <p>Compiled against {@code afd-api} alone and registered with {@code @AutoService}; see this
 * module's README and {@code docs/plugin-authors.md}.
 */
@NullMarked
package dev.afd.examples.plugin;

import org.jspecify.annotations.NullMarked;

/**
 * The catalog reader shared by the built-in hardware providers; public for technical reasons, with
 * no compatibility promise.
 */
@NullMarked
package dev.afd.plugin.hardware.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Helpers shared by the built-in model providers; no compatibility promise.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.plugin.models.internal;

import org.jspecify.annotations.NullMarked;

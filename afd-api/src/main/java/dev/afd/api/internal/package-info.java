/**
 * Validation helpers shared by afd-api types; public for technical reasons, with no compatibility
 * promise.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.internal;

import org.jspecify.annotations.NullMarked;

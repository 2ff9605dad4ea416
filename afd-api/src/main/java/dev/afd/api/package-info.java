/**
 * Types shared by every afd module: the exception hierarchy and stability markers.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api;

import org.jspecify.annotations.NullMarked;

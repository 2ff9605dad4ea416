/**
 * Types shared by every afd module: the exception hierarchy, stability markers, and {@link
 * dev.afd.api.Fidelity}, which both cost and network times carry.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api;

import org.jspecify.annotations.NullMarked;

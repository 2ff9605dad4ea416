/**
 * Network models: collectives and M-by-N traffic on placed device groups ({@link
 * dev.afd.api.network.NetworkModel}).
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.network;

import org.jspecify.annotations.NullMarked;

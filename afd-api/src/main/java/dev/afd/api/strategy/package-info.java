/**
 * Serving strategies, the candidates they enumerate and the results they return ({@link
 * dev.afd.api.strategy.ServingStrategy}).
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.strategy;

import org.jspecify.annotations.NullMarked;

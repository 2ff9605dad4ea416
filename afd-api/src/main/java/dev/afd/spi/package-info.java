/**
 * Service-provider interfaces for contributing accelerators, MoE models and serving strategies.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; every implementation should
 * pass the contract tests in {@code afd-tck}. See {@code docs/plugin-authors.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.spi;

import org.jspecify.annotations.NullMarked;

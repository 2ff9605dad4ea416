/**
 * Contract tests every afd plugin runs: extend {@link dev.afd.tck.HardwareProviderContract}, {@link
 * dev.afd.tck.ModelProviderContract} or {@code StrategyProviderContract} in a test class and
 * implement the one factory method.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.tck;

import org.jspecify.annotations.NullMarked;

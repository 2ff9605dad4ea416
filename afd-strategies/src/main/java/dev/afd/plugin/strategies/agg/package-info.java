/** Built-in serving strategies: agg. */
@NullMarked
package dev.afd.plugin.strategies.agg;

import org.jspecify.annotations.NullMarked;

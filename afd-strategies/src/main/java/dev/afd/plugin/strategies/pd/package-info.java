/** Built-in serving strategies: pd. */
@NullMarked
package dev.afd.plugin.strategies.pd;

import org.jspecify.annotations.NullMarked;

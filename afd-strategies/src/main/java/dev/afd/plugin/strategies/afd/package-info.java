/** Built-in serving strategies: afd. */
@NullMarked
package dev.afd.plugin.strategies.afd;

import org.jspecify.annotations.NullMarked;

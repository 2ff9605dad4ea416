/**
 * Shows the example plugin's NPU and strategy found by discovery and explored with the built-ins.
 */
@NullMarked
package dev.afd.examples.plugins;

import org.jspecify.annotations.NullMarked;

/** The {@code afd} command-line tool ({@link dev.afd.cli.Main}). */
@NullMarked
package dev.afd.cli;

import org.jspecify.annotations.NullMarked;

/**
 * Reports of explore, estimate and validate runs: console tables, JSON structures, CSV and
 * self-contained HTML, written atomically (written atomically).
 */
@NullMarked
package dev.afd.engine.report;

import org.jspecify.annotations.NullMarked;

/**
 * Conventions profiles: the modelling assumptions where afd and other tools differ ({@link
 * dev.afd.engine.conventions.ConventionProfiles}), and the attribution that re-runs a study
 * switching them one at a time.
 */
@NullMarked
package dev.afd.engine.conventions;

import org.jspecify.annotations.NullMarked;

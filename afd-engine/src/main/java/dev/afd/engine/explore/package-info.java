/**
 * Design-space search: enumerate every strategy's candidates, evaluate them in parallel, keep the
 * best under the SLO and the Pareto frontier ({@link dev.afd.engine.explore.Explorer}).
 */
@NullMarked
package dev.afd.engine.explore;

import org.jspecify.annotations.NullMarked;

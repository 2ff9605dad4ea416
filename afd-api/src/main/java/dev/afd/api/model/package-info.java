/**
 * MoE model descriptions as stacks of operator-emitting blocks ({@link
 * dev.afd.api.model.MoeModelSpec}, {@link dev.afd.api.model.Block}).
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.api.model;

import org.jspecify.annotations.NullMarked;

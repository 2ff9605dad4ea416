/**
 * Model files: the Hugging Face {@code config.json} importer, the afd model spec file format, the
 * import check over a directory of configs, and the description behind {@code afd model show}.
 *
 * @since 0.1
 */
@NullMarked
package dev.afd.engine.model;

import org.jspecify.annotations.NullMarked;

/**
 * Hugging Face {@code config.json} to model spec: typed access to a config's fields and the
 * assembly of the architectures afd knows. Shared by the built-in model plugin and the engine's
 * importer; depends on {@code afd-api} only, so a plugin may use it.
 */
@NullMarked
package dev.afd.huggingface;

import org.jspecify.annotations.NullMarked;

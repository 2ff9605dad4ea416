/** Jackson support for afd's unit types ({@link dev.afd.engine.json.AfdJacksonModule}). */
@NullMarked
package dev.afd.engine.json;

import org.jspecify.annotations.NullMarked;

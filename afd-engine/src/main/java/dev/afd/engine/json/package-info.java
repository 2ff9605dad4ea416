/** JSON and YAML mapping of afd's value types and reports. */
@NullMarked
package dev.afd.engine.json;

import org.jspecify.annotations.NullMarked;

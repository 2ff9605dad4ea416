package dev.afd.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks API that may change incompatibly in a minor release.
 *
 * <p>Types and members without this annotation, outside {@code internal} packages, follow the
 * compatibility rules in VERSIONING.md.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.METHOD,
  ElementType.CONSTRUCTOR,
  ElementType.FIELD,
  ElementType.PACKAGE
})
public @interface Experimental {
  /** {@return when the API is expected to become stable, for example {@code "0.3"}} */
  String eta() default "";
}

package dev.afd.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns a plugin that throws while being created or asked for its data into one assertion failure
 * that names the provider, the method, the root cause and the line of the plugin's code that threw,
 * instead of a bare {@code ExceptionInInitializerError} in the first test and {@code
 * NoClassDefFoundError: Could not initialize class} in all the others.
 */
final class TckFailures {
  /** The first creation failure per contract class, reported again by every later test. */
  private static final Map<Class<?>, AssertionError> CREATION_FAILURES = new ConcurrentHashMap<>();

  private TckFailures() {}

  /**
   * {@return the provider the contract creates}
   *
   * @param contract the contract class, the key of the remembered failure
   * @param kind for example {@code "Hardware provider"}
   * @param create the contract's factory method
   */
  static <P> P create(Class<?> contract, String kind, Supplier<P> create) {
    AssertionError earlier = CREATION_FAILURES.get(contract);
    if (earlier != null) {
      throw new AssertionError(earlier.getMessage(), earlier.getCause());
    }
    try {
      return create.get();
    } catch (RuntimeException | LinkageError e) {
      AssertionError failure =
          new AssertionError(kind + " could not be created by createProvider(): " + describe(e), e);
      CREATION_FAILURES.putIfAbsent(contract, failure);
      throw failure;
    }
  }

  /**
   * {@return what a data method returns}
   *
   * @param kind for example {@code "Hardware provider"}
   * @param provider the provider
   * @param providerId its id, as far as it can be read
   * @param method the data method
   * @param methodName the method's name, for the message
   */
  static <P, T> T call(
      String kind, P provider, String providerId, Function<P, T> method, String methodName) {
    try {
      return method.apply(provider);
    } catch (RuntimeException | LinkageError e) {
      throw new AssertionError(
          kind
              + " '"
              + providerId
              + "' ("
              + provider.getClass().getName()
              + ") failed in "
              + methodName
              + ": "
              + describe(e),
          e);
    }
  }

  /** {@return the root cause and the first frame of plugin code that threw} */
  static String describe(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getClass().getName() + ": " + root.getMessage();
    for (StackTraceElement frame : root.getStackTrace()) {
      if (!isFrameworkFrame(frame.getClassName())) {
        return text + " (at " + frame + ")";
      }
    }
    return text;
  }

  private static boolean isFrameworkFrame(String className) {
    return className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("dev.afd.api.")
        || className.startsWith("dev.afd.tck.")
        || className.startsWith("org.junit.")
        || className.startsWith("org.assertj.");
  }
}

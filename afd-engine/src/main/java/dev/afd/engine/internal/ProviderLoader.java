package dev.afd.engine.internal;

import dev.afd.api.internal.Checks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Loads providers of one SPI type with {@link ServiceLoader}, turning every failure into a problem
 * entry instead of stopping at the first.
 */
public final class ProviderLoader {
  private ProviderLoader() {}

  /**
   * Loads every provider of {@code type} visible to {@code loader}.
   *
   * @param kindName for messages, for example "hardware provider"
   * @param idOf reads the provider's id
   * @param problems receives one line per problem
   */
  public static <T> List<LoadedProvider<T>> load(
      Class<T> type,
      ClassLoader loader,
      String kindName,
      Function<T, String> idOf,
      List<String> problems) {
    Map<String, List<String>> registrations = PluginJars.registrations(loader, type);
    problems.addAll(PluginJars.duplicateRegistrations(registrations, type));
    List<LoadedProvider<T>> loaded = new ArrayList<>();
    Iterator<ServiceLoader.Provider<T>> providers =
        ServiceLoader.load(type, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<T> handle;
      try {
        if (!providers.hasNext()) {
          break;
        }
        handle = providers.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        problems.add(
            "Could not load a "
                + type.getSimpleName()
                + " listed in META-INF/services/"
                + type.getName()
                + ": "
                + PluginJars.naming(
                    e instanceof ServiceConfigurationError ? e.getMessage() : rootMessage(e),
                    registrations));
        continue;
      }
      ProviderOrigin origin;
      try {
        origin = ProviderOrigin.of(handle.type());
      } catch (LinkageError e) {
        problems.add(
            "Could not load a "
                + type.getSimpleName()
                + ": "
                + PluginJars.naming(rootMessage(e), registrations));
        continue;
      }
      T provider;
      try {
        provider = handle.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        problems.add(
            capitalize(kindName)
                + " "
                + origin.describe()
                + " failed to load: "
                + rootMessageAndFrame(e, handle.type().getPackageName()));
        continue;
      }
      LoadedProvider<T> checked = checkId(provider, origin, kindName, idOf, problems);
      if (checked != null) {
        loaded.add(checked);
      }
    }
    return loaded;
  }

  /** Validates the id of a provider registered programmatically or discovered. */
  public static <T> LoadedProvider<T> checkId(
      T provider,
      ProviderOrigin origin,
      String kindName,
      Function<T, String> idOf,
      List<String> problems) {
    String id;
    try {
      id = idOf.apply(provider);
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          capitalize(kindName) + " " + origin.describe() + " failed in id(): " + rootMessage(e));
      return null;
    }
    if (id == null) {
      problems.add(capitalize(kindName) + " " + origin.describe() + " returned a null id");
      return null;
    }
    if (!Checks.isValidId(id)) {
      problems.add(
          capitalize(kindName)
              + " "
              + origin.describe()
              + " has an invalid id '"
              + id
              + "': ids are lower-case kebab-case ([a-z0-9]+(-[a-z0-9]+)*, at most 64"
              + " characters)");
      return null;
    }
    return new LoadedProvider<>(provider, id, origin);
  }

  /** {@return the innermost cause's class and message} */
  public static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ServiceConfigurationError) {
      return root.getMessage();
    }
    String message = root.getMessage();
    return root.getClass().getName() + (message == null ? "" : ": " + message);
  }

  static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * {@return the root cause, then the first frame of plugin code that threw: in {@code
   * pluginPackage} or below, for example {@code java.lang.IllegalStateException: boom (at
   * com.acme.AcmeStrategy.evaluate(AcmeStrategy.java:42))}}
   *
   * @param error what a plugin threw
   * @param pluginPackage the package of the plugin's provider class
   */
  public static String rootMessageAndFrame(Throwable error, String pluginPackage) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = rootMessage(error);
    for (StackTraceElement frame : root.getStackTrace()) {
      String name = frame.getClassName();
      if (name.startsWith(pluginPackage + ".")) {
        return text + " (at " + frame + ")";
      }
    }
    return text;
  }
}

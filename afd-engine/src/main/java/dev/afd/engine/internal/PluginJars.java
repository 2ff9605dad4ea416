package dev.afd.engine.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves a plugin path into jars and reads {@code META-INF/services} registrations, so that every
 * path problem, every provider class registered by two sources (the same jar twice, a copy of it)
 * and every jar that registers nothing is reported, instead of {@link java.util.ServiceLoader}
 * silently keeping the first registration.
 */
public final class PluginJars {
  private static final String SERVICES = "META-INF/services/";

  private PluginJars() {}

  /**
   * The jars of a plugin path and what is wrong with it.
   *
   * @param jars readable jars, each once, in path order
   * @param problems missing paths, unreadable jars, a jar given twice
   * @param warnings jars that register no provider of {@code spis}
   */
  public record Resolved(List<Path> jars, List<String> problems, List<String> warnings) {}

  /**
   * Resolves {@code paths}: a jar, or a directory whose {@code *.jar} files are all taken.
   *
   * @param paths the plugin path
   * @param spis the SPI types a jar may register providers of
   * @return the jars, problems and warnings
   */
  public static Resolved resolve(List<Path> paths, List<Class<?>> spis) {
    List<Path> jars = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<Path, Path> byRealPath = new LinkedHashMap<>();
    for (Path path : paths) {
      List<Path> candidates = new ArrayList<>();
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          entries
              .filter(entry -> entry.getFileName().toString().endsWith(".jar"))
              .sorted()
              .forEach(candidates::add);
        } catch (IOException e) {
          problems.add("Plugin path '" + path + "' cannot be listed: " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        candidates.add(path);
      } else {
        problems.add(
            "Plugin path '"
                + path
                + "' does not exist; expected a jar file or a directory of jars");
      }
      for (Path jar : candidates) {
        Path real = realPath(jar);
        Path earlier = byRealPath.putIfAbsent(real, jar);
        if (earlier != null) {
          problems.add(
              "Plugin jar '"
                  + real
                  + "' is on the plugin path twice:\n  as '"
                  + earlier
                  + "'\n  and '"
                  + jar
                  + "'\nGive each jar once.");
          continue;
        }
        List<String> registered;
        try (JarFile opened = new JarFile(jar.toFile())) {
          // Opening the jar and reading its manifest rejects corrupt files before class loading.
          opened.getManifest();
          registered = registeredSpis(opened, spis);
        } catch (IOException | SecurityException e) {
          problems.add("Plugin path '" + jar + "' is not a readable jar file: " + e.getMessage());
          continue;
        }
        if (registered.isEmpty()) {
          warnings.add(
              "Plugin jar '"
                  + jar
                  + "' registers no provider (no META-INF/services file of "
                  + spiNames(spis)
                  + "); was it built with @AutoService and its annotation processor?");
        }
        jars.add(jar);
      }
    }
    return new Resolved(List.copyOf(jars), List.copyOf(problems), List.copyOf(warnings));
  }

  private static List<String> registeredSpis(JarFile jar, List<Class<?>> spis) {
    List<String> registered = new ArrayList<>();
    for (Class<?> spi : spis) {
      JarEntry entry = jar.getJarEntry(SERVICES + spi.getName());
      if (entry != null) {
        registered.add(spi.getName());
      }
    }
    return registered;
  }

  private static String spiNames(List<Class<?>> spis) {
    List<String> names = new ArrayList<>();
    for (Class<?> spi : spis) {
      names.add(spi.getSimpleName());
    }
    return String.join(", ", names);
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /**
   * {@return every provider class name registered for {@code spi} in the services files {@code
   * loader} sees, with the jar or class directory of each registration, in discovery order}
   *
   * @param loader the class loader discovery uses
   * @param spi the SPI type
   */
  public static Map<String, List<String>> registrations(ClassLoader loader, Class<?> spi) {
    Map<String, List<String>> registrations = new LinkedHashMap<>();
    Enumeration<URL> files;
    try {
      files = loader.getResources(SERVICES + spi.getName());
    } catch (IOException e) {
      return registrations;
    }
    while (files.hasMoreElements()) {
      URL file = files.nextElement();
      String source = source(file);
      for (String name : providerNames(file)) {
        List<String> sources = registrations.computeIfAbsent(name, unused -> new ArrayList<>());
        if (!sources.contains(source)) {
          sources.add(source);
        }
      }
    }
    return registrations;
  }

  /**
   * {@return one problem per provider class registered by two or more sources, listing them all:
   * discovery would keep one and silently drop the others}
   *
   * @param registrations what {@link #registrations} returned
   * @param spi the SPI type
   */
  public static List<String> duplicateRegistrations(
      Map<String, List<String>> registrations, Class<?> spi) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> registration : registrations.entrySet()) {
      List<String> sources = registration.getValue();
      if (sources.size() < 2) {
        continue;
      }
      StringBuilder problem =
          new StringBuilder()
              .append(spi.getSimpleName())
              .append(' ')
              .append(registration.getKey())
              .append(" is registered by ")
              .append(sources.size())
              .append(" jars:");
      List<String> shown = distinctNames(sources);
      for (int index = 0; index < shown.size(); index++) {
        problem.append(index == 0 ? "\n  from " : "\n  and  ").append(shown.get(index));
      }
      problem.append(
          "\nDiscovery would keep one and drop the others; remove the extra copies of the jar.");
      problems.add(problem.toString());
    }
    return problems;
  }

  /** {@return the sources by file name, or by full path where two share a file name} */
  private static List<String> distinctNames(List<String> sources) {
    List<String> names = new ArrayList<>();
    for (String source : sources) {
      names.add(fileName(source));
    }
    if (names.stream().distinct().count() == names.size()) {
      return names;
    }
    return sources;
  }

  private static String fileName(String source) {
    Path name = Path.of(source).getFileName();
    return name == null ? source : name.toString();
  }

  /** {@return the jar (or class directory) a services file lies in, as a path} */
  static String source(URL file) {
    String text = file.toString();
    try {
      if (text.startsWith("jar:")) {
        int end = text.indexOf("!/");
        return Path.of(new URI(text.substring("jar:".length(), end))).toString();
      }
      Path services = Path.of(file.toURI());
      // .../classes/META-INF/services/<spi>: the class directory is three levels up.
      Path root = services.getParent().getParent().getParent();
      return root == null ? services.toString() : root.toString();
    } catch (URISyntaxException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return text;
    }
  }

  private static final Pattern JAR_URL = Pattern.compile("jar:(file:[^!\\s]*)!/[^\\s:]*");

  /**
   * {@return a {@link java.util.ServiceConfigurationError}'s message with the jar named: a {@code
   * jar:file:...!/META-INF/services/...} URL shortened to the jar's file name, or the jars that
   * register the class the message names appended}
   *
   * @param message the error's message
   * @param registrations what {@link #registrations} returned for the SPI
   */
  public static String naming(String message, Map<String, List<String>> registrations) {
    Matcher url = JAR_URL.matcher(message);
    if (url.find()) {
      return url.replaceAll(
          match -> {
            try {
              return Matcher.quoteReplacement(
                  fileName(Path.of(new URI(match.group(1))).toString()));
            } catch (URISyntaxException | IllegalArgumentException e) {
              return Matcher.quoteReplacement(match.group());
            }
          });
    }
    for (Map.Entry<String, List<String>> registration : registrations.entrySet()) {
      Pattern name =
          Pattern.compile("(?<![\\w.$])" + Pattern.quote(registration.getKey()) + "(?![\\w.$])");
      if (name.matcher(message).find()) {
        return message
            + " (registered in "
            + String.join(", ", distinctNames(registration.getValue()))
            + ")";
      }
    }
    return message;
  }

  /** {@return the provider class names a services file lists; empty if it cannot be read} */
  private static List<String> providerNames(URL file) {
    List<String> names = new ArrayList<>();
    try (InputStream in = file.openStream();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int comment = line.indexOf('#');
        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      // ServiceLoader reports an unreadable file itself.
    }
    return names;
  }
}

package dev.afd.cli;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@code afd explore --spark} as a child JVM running afd-spark's {@code SparkExplore}, so
 * Spark (about 200 MB of jars with Scala and Hadoop) never enters afd's own class path: the child's
 * class path is {@code --spark-classpath}, else {@code AFD_SPARK_CLASSPATH}, else the afd-spark
 * module's build next to this afd ({@code afd-spark/target}: its jar, {@code lib/} with afd and the
 * built-in plugins, and {@code spark.classpath}, the Spark jars Maven resolved).
 */
final class SparkLauncher {
  private SparkLauncher() {}

  /** The environment variable naming the class path, after the option. */
  static final String ENVIRONMENT = "AFD_SPARK_CLASSPATH";

  /** The main class the child runs. */
  static final String MAIN = "dev.afd.spark.SparkExplore";

  /**
   * The {@code --add-opens} flags Spark needs on Java 17, the list {@code spark-submit}'s launcher
   * passes (Spark's {@code JavaModuleOptions}), and afd-spark's tests use.
   */
  static final List<String> JVM_OPTIONS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * {@return the child's class path: each entry a jar, a directory of classes, or a directory whose
   * jars all count; a {@code .classpath} file lists more entries}
   *
   * @param option {@code --spark-classpath}, or null
   * @param environment {@code AFD_SPARK_CLASSPATH}, or null
   * @param cliLocation where afd's own classes are (a jar in {@code afd-cli/target}, or {@code
   *     afd-cli/target/classes})
   * @throws AfdConfigurationException if afd-spark or Spark is not on it, naming what is missing
   *     and where it looked
   */
  static List<Path> classPath(
      @Nullable String option, @Nullable String environment, @Nullable Path cliLocation) {
    String given = option != null ? option : environment;
    String source;
    List<Path> entries = new ArrayList<>();
    if (given != null && !given.isBlank()) {
      source = (option != null ? "--spark-classpath" : ENVIRONMENT) + " '" + given + "'";
      for (String entry : given.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          expand(Path.of(entry.strip()), entries);
        }
      }
    } else {
      Path target = defaultTarget(cliLocation);
      source =
          "'" + target + "' (the afd-spark build; or set --spark-classpath / " + ENVIRONMENT + ")";
      if (Files.isDirectory(target)) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "afd-spark-*.jar")) {
          for (Path jar : jars) {
            if (!jar.getFileName().toString().endsWith("-sources.jar")
                && !jar.getFileName().toString().endsWith("-javadoc.jar")) {
              entries.add(jar);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list '" + target + "'", e);
        }
        expand(target.resolve("lib"), entries);
        expand(target.resolve("spark.classpath"), entries);
      }
    }
    require(entries, source);
    return entries;
  }

  /** {@return {@code afd-spark/target} beside the afd-cli module afd runs from} */
  static Path defaultTarget(@Nullable Path cliLocation) {
    // afd-cli/target/afd-cli-*.jar or afd-cli/target/classes: two levels up is afd-cli.
    Path cli = cliLocation == null ? null : cliLocation.toAbsolutePath().getParent();
    Path module = cli == null ? null : cli.getParent();
    Path root = module == null ? null : module.getParent();
    return (root == null ? Path.of("") : root).resolve("afd-spark").resolve("target");
  }

  /** {@return where this class was loaded from, or null when unknown} */
  static @Nullable Path cliLocation() {
    try {
      return Path.of(
          SparkLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Adds one class path entry: a {@code .classpath} file's entries, a directory's jars (unless it
   * is a directory of classes), or the entry itself.
   */
  static void expand(Path entry, List<Path> entries) {
    if (entry.getFileName() != null && entry.getFileName().toString().endsWith(".classpath")) {
      if (!Files.isRegularFile(entry)) {
        return;
      }
      try {
        for (String line :
            Files.readString(entry, StandardCharsets.UTF_8).split(File.pathSeparator)) {
          if (!line.isBlank()) {
            entries.add(Path.of(line.strip()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read '" + entry + "'", e);
      }
      return;
    }
    if (Files.isDirectory(entry)
        && !Files.isDirectory(entry.resolve("dev"))
        && !Files.isDirectory(entry.resolve("org"))) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(entry, "*.jar")) {
        List<Path> sorted = new ArrayList<>();
        jars.forEach(sorted::add);
        sorted.sort(null);
        entries.addAll(sorted);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list '" + entry + "'", e);
      }
      return;
    }
    entries.add(entry);
  }

  /** Fails with one line naming what the class path lacks. */
  private static void require(List<Path> entries, String source) {
    List<String> missing = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.exists(entry)) {
        try {
          urls.add(entry.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new AfdConfigurationException(
              "Spark class path entry '" + entry + "' is not a valid path");
        }
      }
    }
    // A loader with only the platform's classes as parent: it sees what the child JVM would.
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      if (loader.findResource(MAIN.replace('.', '/') + ".class") == null) {
        missing.add("afd-spark (" + MAIN + ")");
      }
      if (loader.findResource("org/apache/spark/SparkContext.class") == null) {
        missing.add("Spark (org.apache.spark.SparkContext)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the class path probe", e);
    }
    if (!missing.isEmpty()) {
      throw new AfdConfigurationException(
          "--spark needs "
              + String.join(" and ", missing)
              + " on its class path, not found in "
              + source
              + "; build it with 'mvn -pl afd-spark -am package -DskipTests' (docs/spark.md)");
    }
  }

  /**
   * {@return the child's command line}
   *
   * @param classPath the class path
   * @param arguments {@code SparkExplore}'s arguments
   */
  static List<String> command(List<Path> classPath, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    // Spark's default logging prints its start-up at INFO; afd-spark's profile keeps warnings.
    command.add("-Dlog4j2.configurationFile=classpath:dev/afd/spark/log4j2-cli.properties");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(MAIN);
    command.addAll(arguments);
    return command;
  }

  /**
   * Runs the child, copying its output and errors line by line, and returns its exit status.
   *
   * @param command the command line
   * @param out where the child's standard output goes
   * @param err where its standard error goes
   */
  static int run(List<String> command, PrintWriter out, PrintWriter err) {
    requireNonNull(out, "out");
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new AfdConfigurationException(
          "Cannot start the Spark JVM '" + command.get(0) + "': " + e.getMessage());
    }
    Thread errors = new Thread(() -> copy(process.getErrorStream(), err), "afd-spark-stderr");
    errors.setDaemon(true);
    errors.start();
    copy(process.getInputStream(), out);
    try {
      int status = process.waitFor();
      errors.join();
      return status;
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      return ExploreCommand.EXIT_CANCELLED;
    }
  }

  private static void copy(InputStream stream, PrintWriter to) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (to) {
          to.println(line);
          to.flush();
        }
      }
    } catch (IOException e) {
      // The child ended; what it printed so far has been copied.
    }
  }
}

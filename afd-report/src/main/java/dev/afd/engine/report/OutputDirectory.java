package dev.afd.engine.report;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A set of files written into one directory all together or not at all.
 *
 * <p>{@link #open(Path)} checks up front that the directory can be created and written, and fails
 * with an {@link AfdConfigurationException} otherwise. Each file is then written to a hidden
 * staging directory inside the target ({@link #file(String)}, {@link #writer(String)}, {@link
 * #write(String, String)}); {@link #commit()} moves every staged file into place, atomically where
 * the file system allows. {@link #close()} (or {@link #discard()}) before a commit deletes the
 * staged files, the staging directory and any directory {@link #open(Path)} created, so a failure
 * or a cancellation leaves nothing partial behind. If a move fails during the commit, the files
 * already moved are deleted again. A staging directory left by a run that was killed outright
 * (named {@code .afd-staging-<pid>-*}, its process gone) is deleted by the next {@link #open(Path)}
 * of the same directory.
 *
 * <p>Thread-safe: {@link #discard()} may be called from a shutdown hook while another thread
 * writes.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.open(dir)) {
 *   out.write("summary.json", json);
 *   out.commit();
 * }
 * }</pre>
 */
public final class OutputDirectory implements AutoCloseable {
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String STAGING_PREFIX = ".afd-staging-";

  private final Path directory;
  private final Path staging;
  private final List<Path> createdDirectories;
  private final Map<String, Path> staged = new LinkedHashMap<>();
  private State state = State.OPEN;

  private enum State {
    OPEN,
    COMMITTED,
    DISCARDED
  }

  private OutputDirectory(Path directory, Path staging, List<Path> createdDirectories) {
    this.directory = directory;
    this.staging = staging;
    this.createdDirectories = createdDirectories;
  }

  /**
   * Creates {@code directory} if needed and checks that files can be written in it.
   *
   * @param directory the output directory
   * @return the open output directory; nothing is visible in it until {@link #commit()}
   * @throws AfdConfigurationException if the directory cannot be created or written, with the
   *     message {@code Cannot write to output directory '<dir>': <reason>}
   */
  public static OutputDirectory open(Path directory) {
    requireNonNull(directory, "directory");
    if (directory.toString().isBlank()) {
      // An empty path resolves to the working directory, which nobody means by it.
      throw cannotWrite(directory, "the path is empty; give a directory, for example results/");
    }
    Path absolute = directory.toAbsolutePath().normalize();
    List<Path> created = new ArrayList<>();
    try {
      Path existing = absolute;
      List<Path> missing = new ArrayList<>();
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        missing.add(0, existing);
        existing = existing.getParent();
      }
      if (existing != null && !Files.isDirectory(existing)) {
        throw cannotWrite(
            directory,
            existing.equals(absolute)
                ? "it exists and is not a directory"
                : "'" + existing + "' is not a directory");
      }
      for (Path path : missing) {
        Files.createDirectory(path);
        created.add(0, path);
      }
      if (!Files.isWritable(absolute)) {
        throw cannotWrite(directory, "permission denied");
      }
      removeStaleStaging(absolute);
      // The process id in the name tells a later run whether this staging directory is stale.
      Path staging =
          Files.createTempDirectory(absolute, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
      return new OutputDirectory(absolute, staging, created);
    } catch (IOException e) {
      deleteQuietly(created);
      throw cannotWrite(directory, reason(e), e);
    } catch (AfdConfigurationException e) {
      deleteQuietly(created);
      throw e;
    }
  }

  /** {@return the target directory, absolute} */
  public Path directory() {
    return directory;
  }

  /**
   * Reserves a staged file to be written by the caller and moved to {@code name} on commit.
   *
   * @param name a plain file name such as {@code results.csv}
   * @return the staging path to write
   * @throws IllegalArgumentException if the name is not a plain file name or was already used
   * @throws IllegalStateException if the directory was committed or discarded
   */
  public synchronized Path file(String name) {
    requireOpen();
    if (!FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "output file name must match " + FILE_NAME.pattern() + ", got '" + name + "'");
    }
    if (staged.containsKey(name)) {
      throw new IllegalArgumentException("output file '" + name + "' was already staged");
    }
    Path path = staging.resolve(name);
    staged.put(name, path);
    return path;
  }

  /**
   * Opens a UTF-8 writer on a new staged file.
   *
   * @param name a plain file name
   * @return a buffered writer the caller closes
   */
  public Writer writer(String name) {
    Path path = file(name);
    try {
      return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create staged file '" + path + "'", e);
    }
  }

  /**
   * Writes a whole staged file as UTF-8.
   *
   * @param name a plain file name
   * @param content the content
   */
  public void write(String name, String content) {
    try (Writer writer = writer(name)) {
      writer.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write staged file '" + name + "'", e);
    }
  }

  /**
   * Moves every staged file into the directory, replacing files of the same name, and removes the
   * staging directory. If a move fails, the files already moved are deleted and the staged ones
   * discarded.
   *
   * @throws UncheckedIOException if a file cannot be moved
   * @throws IllegalStateException if already committed or discarded
   */
  public synchronized void commit() {
    requireOpen();
    List<Path> moved = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> file : staged.entrySet()) {
        Path target = directory.resolve(file.getKey());
        move(file.getValue(), target);
        moved.add(target);
      }
      Files.delete(staging);
      state = State.COMMITTED;
    } catch (IOException e) {
      deleteQuietly(moved);
      discard();
      throw new UncheckedIOException("cannot move output files into '" + directory + "'", e);
    }
  }

  /**
   * Deletes the staged files, the staging directory and the directories {@link #open(Path)}
   * created; does nothing after a commit or a previous discard.
   */
  public synchronized void discard() {
    if (state != State.OPEN) {
      return;
    }
    state = State.DISCARDED;
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
      for (Path file : files) {
        paths.add(file);
      }
    } catch (IOException e) {
      paths.addAll(staged.values());
    }
    paths.add(staging);
    paths.addAll(createdDirectories);
    deleteQuietly(paths);
  }

  /** Discards the staged files unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    discard();
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "output directory '"
              + directory
              + "' was already "
              + state.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Deletes the staging directories that earlier runs left behind when killed: those whose name
   * carries the id of a process that is no longer alive, or no process id at all (older runs). A
   * staging directory of a live process, another run writing into the same directory, is kept.
   */
  private static void removeStaleStaging(Path directory) throws IOException {
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(directory, STAGING_PREFIX + "*")) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !ownerAlive(entry)) {
          stale.add(entry);
        }
      }
    }
    for (Path staging : stale) {
      List<Path> paths = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
        for (Path file : files) {
          paths.add(file);
        }
      } catch (IOException e) {
        continue; // Best effort: a directory we cannot read is left alone.
      }
      paths.add(staging);
      deleteQuietly(paths);
    }
  }

  private static boolean ownerAlive(Path staging) {
    String rest = staging.getFileName().toString().substring(STAGING_PREFIX.length());
    int dash = rest.indexOf('-');
    if (dash < 1) {
      return false;
    }
    try {
      long pid = Long.parseLong(rest.substring(0, dash));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(List<Path> paths) {
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // Best effort: a directory that is not empty (someone else wrote into it) is left alone.
      }
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    // Without a reason the message is only the path; say what the exception type means instead.
    if (e instanceof NoSuchFileException) {
      return "the file system refused to create it (no such file or directory)";
    }
    if (e instanceof FileSystemException) {
      return "the file system refused to create it (" + e.getClass().getSimpleName() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static AfdConfigurationException cannotWrite(Path directory, String reason) {
    return new AfdConfigurationException(message(directory, reason));
  }

  private static AfdConfigurationException cannotWrite(
      Path directory, String reason, Throwable cause) {
    return new AfdConfigurationException(message(directory, reason), cause);
  }

  private static String message(Path directory, String reason) {
    return "Cannot write to output directory '" + directory + "': " + reason;
  }
}

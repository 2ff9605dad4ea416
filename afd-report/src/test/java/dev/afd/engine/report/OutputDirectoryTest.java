package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  @TempDir Path temporary;

  @Test
  void commitMovesEveryFileIntoPlaceAndLeavesNoStagingBehind() throws IOException {
    Path directory = temporary.resolve("out").resolve("nested");

    try (OutputDirectory out = OutputDirectory.open(directory)) {
      out.write("a.txt", "first\n");
      try (Writer writer = out.writer("b.csv")) {
        writer.write("x,y\r\n");
      }
      assertThat(listing(directory)).allMatch(name -> name.startsWith(".afd-staging-"));
      out.commit();
    }

    assertThat(listing(directory)).containsExactly("a.txt", "b.csv");
    assertThat(Files.readString(directory.resolve("a.txt"))).isEqualTo("first\n");
  }

  @Test
  void openRemovesStagingLeftByDeadProcessesAndKeepsALiveOne() throws IOException {
    // Process ids are positive and below 2^22 on Linux; Long.MAX_VALUE is never alive.
    Path dead = Files.createDirectory(temporary.resolve(".afd-staging-" + Long.MAX_VALUE + "-1"));
    Files.writeString(dead.resolve("results.csv"), "partial");
    Path legacy = Files.createDirectory(temporary.resolve(".afd-staging-12345"));
    Path live =
        Files.createDirectory(
            temporary.resolve(".afd-staging-" + ProcessHandle.current().pid() + "-other"));

    try (OutputDirectory out = OutputDirectory.open(temporary)) {
      assertThat(dead).doesNotExist();
      assertThat(legacy).doesNotExist();
      assertThat(live).isDirectory();
      out.write("a.txt", "x");
      out.commit();
    }

    assertThat(listing(temporary)).containsExactly(live.getFileName().toString(), "a.txt");
  }

  @Test
  void commitReplacesExistingFiles() throws IOException {
    Files.writeString(temporary.resolve("a.txt"), "old");

    try (OutputDirectory out = OutputDirectory.open(temporary)) {
      out.write("a.txt", "new");
      out.commit();
    }

    assertThat(Files.readString(temporary.resolve("a.txt"))).isEqualTo("new");
  }

  @Test
  void directoryUnderARegularFileIsRejectedWithoutWritingAnything() throws IOException {
    Path file = Files.writeString(temporary.resolve("file"), "x");
    Path directory = file.resolve("out");

    assertThatThrownBy(() -> OutputDirectory.open(directory))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot write to output directory '"
                + directory
                + "': '"
                + file.toAbsolutePath()
                + "' is not a directory");
    assertThat(listing(temporary)).containsExactly("file");
  }

  @Test
  void regularFileAsDirectoryIsRejected() throws IOException {
    Path file = Files.writeString(temporary.resolve("file"), "x");

    assertThatThrownBy(() -> OutputDirectory.open(file))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot write to output directory '" + file + "': it exists and is not a directory");
  }

  @Test
  void failureMidwayLeavesNothingIncludingCreatedDirectories() throws IOException {
    Path directory = temporary.resolve("new").resolve("out");

    assertThatThrownBy(
            () -> {
              try (OutputDirectory out = OutputDirectory.open(directory)) {
                out.write("a.txt", "first");
                out.write("b.txt", "second");
                throw new IllegalStateException("evaluation failed");
              }
            })
        .hasMessage("evaluation failed");

    assertThat(listing(temporary)).isEmpty();
  }

  @Test
  void failedMoveRollsBackFilesAlreadyMoved() throws IOException {
    Path directory = temporary.resolve("out");
    try (OutputDirectory out = OutputDirectory.open(directory)) {
      out.write("a.txt", "first");
      out.write("b.txt", "second");
      // A non-empty directory where b.txt belongs makes its move fail after a.txt moved.
      Files.createDirectories(directory.resolve("b.txt").resolve("occupied"));

      assertThatThrownBy(out::commit).isInstanceOf(UncheckedIOException.class);
    }

    assertThat(listing(directory)).containsExactly("b.txt");
    assertThat(listing(directory.resolve("b.txt"))).containsExactly("occupied");
  }

  @Test
  void discardFromAnotherThreadDeletesStagedFiles() throws Exception {
    Path directory = temporary.resolve("out");
    OutputDirectory out = OutputDirectory.open(directory);
    out.write("a.txt", "first");

    Thread hook = new Thread(out::discard);
    hook.start();
    hook.join();

    assertThat(Files.exists(directory)).isFalse();
    assertThatThrownBy(() -> out.write("b.txt", "late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("output directory '" + directory + "' was already discarded");
  }

  @Test
  void fileNamesMustBePlain() {
    try (OutputDirectory out = OutputDirectory.open(temporary)) {
      assertThatThrownBy(() -> out.file("../escape.txt"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "output file name must match [A-Za-z0-9][A-Za-z0-9._-]*, got '../escape.txt'");
    }
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}

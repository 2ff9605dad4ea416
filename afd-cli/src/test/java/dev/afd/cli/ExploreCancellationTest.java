package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals a real {@code afd explore --out} process, as Ctrl-C or {@code kill} would, and checks
 * that it says so in one line, exits 130 and leaves no staging directory; and that staging a killed
 * run left behind is removed by the next run.
 */
class ExploreCancellationTest {
  /** Bounds every wait, so a hung child fails the test instead of the build. */
  private static final long WAIT_SECONDS = 120;

  @TempDir Path directory;

  @Test
  void sigtermPrintsCancelledExits130AndRemovesStaging() throws Exception {
    Path out = Files.createDirectory(directory.resolve("out"));
    // Left by a run that was killed outright: no process has this id.
    Path stale = Files.createDirectory(out.resolve(".afd-staging-" + Long.MAX_VALUE + "-1"));
    Files.writeString(stale.resolve("results.csv"), "partial");
    Path err = directory.resolve("err.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "explore",
                "--roofline",
                "--model",
                "deepseek-v3",
                "--system",
                "h200-nvl8",
                "--gpus",
                "128",
                "--workload",
                "chat,coding,agentic-coding",
                "--out",
                out.toString())
            .redirectOutput(directory.resolve("out.txt").toFile())
            .redirectError(err.toFile())
            .start();
    try {
      awaitStaging(out, process);
      assertThat(stale).doesNotExist();

      process.destroy(); // SIGTERM on Unix

      assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEqualTo("afd: cancelled\n");
      assertThat(process.exitValue()).isEqualTo(130);
      assertThat(listing(out)).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  /** Waits until the child has made its staging directory: its search is about to start. */
  private static void awaitStaging(Path out, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the search ended before it was signalled").isTrue();
      if (listing(out).stream()
          .anyMatch(name -> name.startsWith(".afd-staging-" + process.pid() + "-"))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child never made its staging directory in " + out);
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}

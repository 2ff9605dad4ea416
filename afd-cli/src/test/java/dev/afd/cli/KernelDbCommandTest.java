package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelDbCommandTest {
  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AfdCommand.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void rejectsADirectoryWithoutSystems() {
    int status = run("kernel-db", "inspect", directory.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "afd: kernel database '"
                + directory
                + "': no systems/data/<system> or data/<system> directory found. Pass"
                + " AIConfigurator's 'systems' directory or the directory that contains it."
                + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void rejectsAMissingDirectory() {
    Path missing = directory.resolve("missing");

    int status = run("kernel-db", "inspect", missing.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "afd: kernel database '" + missing + "': no such directory" + System.lineSeparator());
  }

  @Test
  void inspectsTheSharedDatabase() {
    Path data =
        Stream.of("../shared/data/aiconfigurator", "../../shared/data/aiconfigurator")
            .map(Path::of)
            .filter(Files::isDirectory)
            .findFirst()
            .orElse(null);
    assumeTrue(data != null, "../shared/data/aiconfigurator is absent");

    int status = run("kernel-db", "inspect", data.toString(), "--json");

    assertThat(status).as(err.toString()).isEqualTo(0);
    assertThat(out.toString())
        .contains("\"table\" : \"generation_mla\"", "\"system\" : \"h200_sxm\"")
        .contains("\"model\" : \"deepseek-v3\"", "\"accelerator\" : \"nvidia-h200-sxm\"");
  }
}

package dev.afd.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the NCCL accuracy check when the shared reference data is present (never in user builds).
 */
class NcclAccuracyCheckTest {

  @Test
  void calibratedModelMeetsTheGateOnTheSharedNcclTables() {
    Path systems =
        Stream.of(
                "../shared/data/aiconfigurator/systems", "../../shared/data/aiconfigurator/systems")
            .map(Path::of)
            .filter(Files::isDirectory)
            .findFirst()
            .orElse(null);
    assumeTrue(systems != null, "../shared/data/aiconfigurator is absent");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean pass =
        NcclAccuracyCheck.run(systems, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(pass).as(report).isTrue();
    assertThat(report).contains("== h100_sxm", "== h200_sxm", "== b200_sxm");
  }
}

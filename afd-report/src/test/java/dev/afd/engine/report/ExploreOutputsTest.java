package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreOutputsTest {
  @TempDir Path temporary;

  @Test
  void writesAllFourFilesMatchingTheGoldenFiles() throws IOException {
    Path directory = temporary.resolve("out");
    StudyResult study = TestingStudies.study();

    try (ExploreOutputs outputs = ExploreOutputs.open(directory)) {
      stream(outputs);
      outputs.finish(study);
    }

    assertThat(listing(directory))
        .containsExactly(ExploreOutputs.FILES.stream().sorted().toArray(String[]::new));
    assertThat(read(directory, "summary.json")).isEqualTo(Json.write(StudyReport.json(study)));
    assertThat(read(directory, "report.html")).isEqualTo(HtmlReport.render(study));
    assertThat(read(directory, "frontier.csv")).isEqualTo(FrontierCsv.render(study));
    assertThat(read(directory, "results.csv"))
        .isEqualTo(Files.readString(Golden.DIRECTORY.resolve("tiny-results.csv")));
  }

  @Test
  void cancellationMidwayLeavesNothing() throws IOException {
    Path directory = temporary.resolve("out");

    assertThatThrownBy(
            () -> {
              try (ExploreOutputs outputs = ExploreOutputs.open(directory)) {
                Consumer<ServingResult> results = outputs.results(TestingStudies.chat());
                results.accept(TestingStudies.evaluated(TestingStudies.chat()).get(0));
                throw new CancellationException("exploration cancelled");
              }
            })
        .isInstanceOf(CancellationException.class);

    assertThat(listing(temporary)).isEmpty();
  }

  @Test
  void unwritableDirectoryFailsBeforeAnySearch() throws IOException {
    Path file = Files.writeString(temporary.resolve("results"), "not a directory");

    assertThatThrownBy(() -> ExploreOutputs.open(file.resolve("out")))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot write to output directory '"
                + file.resolve("out")
                + "': '"
                + file
                + "' is not a directory");
  }

  /** Writes the golden report, and a screenshot page, under {@code target/} for a look. */
  @Test
  void writesSampleReportForScreenshots() throws IOException {
    Path directory = Path.of("target", "sample-report");
    try (ExploreOutputs outputs = ExploreOutputs.open(directory)) {
      stream(outputs);
      outputs.finish(TestingStudies.study());
    }
    assertThat(directory.resolve("report.html")).isRegularFile();
  }

  private static void stream(ExploreOutputs outputs) {
    for (Scenario scenario : List.of(TestingStudies.chat(), TestingStudies.longDocument())) {
      TestingStudies.evaluated(scenario).forEach(outputs.results(scenario));
    }
  }

  private static String read(Path directory, String name) throws IOException {
    return Files.readString(directory.resolve(name));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}

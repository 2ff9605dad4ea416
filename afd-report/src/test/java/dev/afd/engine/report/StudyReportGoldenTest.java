package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Golden files of every report format on the tiny study (Surefire runs under a German locale). */
class StudyReportGoldenTest {
  private final StudyResult study = TestingStudies.study();

  @Test
  void consoleTable() {
    Golden.assertMatches("tiny-console.txt", StudyReport.console(study));
  }

  @Test
  void summaryJson() {
    Golden.assertMatches("tiny-summary.json", Json.write(StudyReport.json(study)));
  }

  @Test
  void resultsCsvGolden() throws IOException {
    Golden.assertMatches("tiny-results.csv", renderResultsCsv());
  }

  @Test
  void frontierCsv() {
    Golden.assertMatches("tiny-frontier.csv", FrontierCsv.render(study));
  }

  @Test
  void html() {
    Golden.assertMatches("tiny-report.html", HtmlReport.render(study));
  }

  @Test
  void htmlHasOneParetoChartPerScenarioAndNoExternalResources() {
    String html = HtmlReport.render(study);

    assertThat(count(html, "<svg ")).isEqualTo(2 * study.scenarios().size());
    assertThat(count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart pareto\""))
        .isEqualTo(study.scenarios().size());
    assertThat(html)
        .doesNotContain("<script", "<link", "<img", "@import", "src=", "url(http")
        .contains("tiny &amp; &lt;small&gt;")
        .doesNotContain("tiny & <small>")
        .contains("TPOT SLO 15 ms (1/TPOT)");
    // The only absolute URL is the SVG namespace, which is a name, not a download.
    Matcher urls = Pattern.compile("https?://[^\"]*").matcher(html);
    while (urls.find()) {
      assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    }
  }

  @Test
  void htmlIsDeterministic() {
    assertThat(HtmlReport.render(TestingStudies.study())).isEqualTo(HtmlReport.render(study));
  }

  @Test
  void csvFieldsAreQuotedPerRfc4180() throws IOException {
    String csv = renderResultsCsv();

    assertThat(csv).contains("\r\n").doesNotContain("\n\n");
    assertThat(csv)
        .contains(
            ",false,\"group \"\"all\"\" needs 91.2 GB > 80.0 GB per GPU, weights & KV <too big>\",");
    assertThat(csv).contains("\"attention=2;ffn=6;batch=256;label=a,b \"\"quoted\"\"\"");
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo(String.join(",", ResultsCsvWriter.HEADER));
  }

  private String renderResultsCsv() throws IOException {
    StringWriter text = new StringWriter();
    try (ResultsCsvWriter writer = new ResultsCsvWriter(text)) {
      for (Scenario scenario : List.of(TestingStudies.chat(), TestingStudies.longDocument())) {
        for (ServingResult result : TestingStudies.evaluated(scenario)) {
          writer.write(scenario, result);
        }
      }
      assertThat(writer.rows()).isEqualTo(22);
    }
    return text.toString();
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
      count++;
    }
    return count;
  }
}

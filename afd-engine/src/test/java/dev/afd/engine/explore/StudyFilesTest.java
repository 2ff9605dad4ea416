package dev.afd.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.unit.TimeSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyFilesTest {
  @TempDir Path directory;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(directory.resolve(name), text);
  }

  @Test
  void readsModelsSystemsWorkloadsStrategiesAndOptions() throws Exception {
    Path file =
        write(
            "study.yaml",
            "name: s\n"
                + "models: [deepseek-v3]\n"
                + "systems: [{system: h200-nvl8, gpus: 16}]\n"
                + "workloads:\n"
                + "  - chat\n"
                + "  - {id: long-doc, isl: 32768, osl: 512, ttft: \"3 s\", tpot: \"40 ms\"}\n"
                + "strategies: [agg, pd]\n"
                + "options: {agg: {tp: \"4,8\"}}\n");
    StudySpec study = StudyFiles.read(file);
    assertThat(study.models()).containsExactly("deepseek-v3");
    assertThat(study.systems()).containsExactly(new StudySpec.SystemBudget("h200-nvl8", 16));
    assertThat(study.workloads()).hasSize(2);
    // The chat preset takes the strict SLO of arXiv 2605.28302: TTFT 50 ms, TPOT 15 ms.
    assertThat(study.workloads().get(0).slo().timeToFirstToken()).isEqualTo(TimeSpan.ofMillis(50));
    assertThat(study.workloads().get(1).slo().timePerOutputToken())
        .isEqualTo(TimeSpan.ofMillis(40));
    assertThat(study.strategies())
        .containsExactly(new StrategyRun("agg", Map.of("tp", "4,8")), StrategyRun.of("pd"));
    assertThat(study.network()).isEqualTo("analytical");
  }

  @Test
  void namesFileAndFieldForBadInput() throws Exception {
    Path zero =
        write(
            "zero.yaml",
            "models: [x]\nsystems: [{system: h200-nvl8, gpus: 0}]\nworkloads: [chat]\n");
    assertThatThrownBy(() -> StudyFiles.read(zero))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "study file '"
                + zero
                + "': systems[0].gpus must be a GPU budget between 1 and 131072 (the most devices"
                + " afd models), got '0'");
    Path unknown = write("unknown.yaml", "models: [x]\nsystem: h200\n");
    assertThatThrownBy(() -> StudyFiles.read(unknown))
        .hasMessage(
            "study file '"
                + unknown
                + "': system is not a study field; expected one of [conventions, models, name, network,"
                + " options, strategies, systems, workloads]");
    Path badTime =
        write(
            "time.json",
            "{\"models\": [\"x\"], \"systems\": [{\"system\": \"s\", \"gpus\": 8}],"
                + " \"workloads\": [{\"id\": \"w\", \"isl\": 8, \"osl\": 8, \"ttft\": \"3\"}]}");
    assertThatThrownBy(() -> StudyFiles.read(badTime))
        .hasMessage(
            "study file '"
                + badTime
                + "': workloads[0].ttft Cannot parse time span '3': a unit is required (ns, us, ms, s)");
    Path presetName =
        write(
            "preset.yaml",
            "models: [x]\nsystems: [{system: s, gpus: 8}]\n"
                + "workloads: [{id: chat, isl: 1024, osl: 128}]\n");
    assertThatThrownBy(() -> StudyFiles.read(presetName))
        .hasMessage(
            "study file '"
                + presetName
                + "': workloads[0].id 'chat' is the name of a preset with other lengths (prefix"
                + " 4096, isl 512, osl 256); name a custom workload differently, or give the preset"
                + " by name");
  }

  @Test
  void readsConventionsAsAProfileOrAMappingOfOverrides() throws Exception {
    String body =
        "models: [deepseek-v3]\nsystems: [{system: h200-nvl8, gpus: 16}]\nworkloads: [chat]\n";
    assertThat(StudyFiles.read(write("plain.yaml", body)).conventions().isDefault()).isTrue();
    StudySpec aic = StudyFiles.read(write("aic.yaml", body + "conventions: aic\n"));
    assertThat(aic.conventions().profile()).isEqualTo("aic");
    StudySpec mixed =
        StudyFiles.read(write("mixed.yaml", body + "conventions: {profile: aic, memory: afd}\n"));
    assertThat(mixed.conventions().profile()).isEqualTo("aic+memory=afd");
    assertThat(mixed.conventions().rule("memory")).isEqualTo("afd");
    Path bad = write("bad.yaml", body + "conventions: paper\n");
    assertThatThrownBy(() -> StudyFiles.read(bad))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "study file '"
                + bad
                + "': conventions: unknown conventions profile 'paper'; expected one of [afd, aic]");
  }

  @Test
  void readsEveryShippedStudyFile() throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(Path.of("../examples/studies"))) {
      List<Path> studies =
          files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertThat(studies).hasSizeGreaterThanOrEqualTo(6);
      for (Path file : studies) {
        StudySpec study = StudyFiles.read(file);
        assertThat(study.name())
            .as(file.toString())
            .isEqualTo(file.getFileName().toString().replace(".yaml", ""));
      }
    }
  }
}

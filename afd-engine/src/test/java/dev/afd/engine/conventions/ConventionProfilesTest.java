package dev.afd.engine.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import dev.afd.spi.Conventions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConventionProfilesTest {

  @Test
  void afdIsTheDefaultAndAicSwitchesEveryAssumption() {
    assertThat(ConventionProfiles.profile("afd", "--conventions"))
        .isEqualTo(Conventions.defaults());
    Conventions aic = ConventionProfiles.profile("aic", "--conventions");
    assertThat(aic.profile()).isEqualTo("aic");
    for (ConventionProfiles.Assumption assumption : ConventionProfiles.assumptions()) {
      assertThat(aic.rule(assumption.id())).as(assumption.id()).isEqualTo("aic");
      assertThat(assumption.source()).as(assumption.id()).contains(".py");
    }
  }

  @Test
  void overridesOneAssumptionAndLabelsIt() {
    Conventions conventions =
        ConventionProfiles.resolve("aic", Map.of("memory", "afd"), "--conventions", "--convention");
    assertThat(conventions.profile()).isEqualTo("aic+memory=afd");
    assertThat(conventions.rule("memory")).isEqualTo("afd");
    assertThat(conventions.rule("agg-ttft")).isEqualTo("aic");
    Conventions back =
        ConventionProfiles.override(conventions, Map.of("agg-ttft", "afd"), "--convention");
    assertThat(back.profile()).isEqualTo("aic+agg-ttft=afd+memory=afd");
    assertThat(back.rule("pd-ttft")).isEqualTo("aic");
  }

  @Test
  void rejectsAnUnknownProfile() {
    assertThatThrownBy(() -> ConventionProfiles.profile("vllm", "--conventions"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "--conventions: unknown conventions profile 'vllm'; expected one of [afd, aic]");
  }

  @Test
  void rejectsAnUnknownAssumption() {
    assertThatThrownBy(
            () ->
                ConventionProfiles.resolve(
                    "afd", Map.of("ttft", "aic"), "--conventions", "--convention"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "--convention: unknown assumption 'ttft'; expected one of [agg-ttft, agg-tpot,"
                + " pd-ttft, pd-decode, pd-rate-matching, afd-pipeline, memory]");
  }

  @Test
  void rejectsAnOverrideWithoutEquals() {
    assertThatThrownBy(() -> ConventionProfiles.parseOverrides("--convention", List.of("memory")))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "--convention: 'memory' is not ASSUMPTION=PROFILE; expected for example agg-ttft=aic");
  }
}

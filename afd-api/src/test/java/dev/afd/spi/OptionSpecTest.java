package dev.afd.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import org.junit.jupiter.api.Test;

class OptionSpecTest {
  private static final OptionSpec<Boolean> FLAG =
      OptionSpec.flag("overlap", true, "overlap the transfer");

  @Test
  void aFlagReadsYesNoTrueFalseInAnyCaseAndWritesYesOrNo() {
    assertThat(FLAG.parse("yes")).isTrue();
    assertThat(FLAG.parse(" TRUE ")).isTrue();
    assertThat(FLAG.parse("No")).isFalse();
    assertThat(FLAG.parse("false")).isFalse();
    assertThat(FLAG.format(true)).isEqualTo("yes");
    assertThat(FLAG.format(FLAG.defaultValue())).isEqualTo("yes");
    assertThat(FLAG.format(false)).isEqualTo("no");
  }

  @Test
  void aFlagRejectsAnythingElseNamingTheOption() {
    assertThatThrownBy(() -> FLAG.parse("maybe"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Option 'overlap' must be yes or no, got 'maybe'");
  }
}

package dev.afd.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

class TriesTest {

  @Test
  void triesRunFromTheBaseSeedUpOrOnlyTheReplayedSeed() {
    assertThat(Tries.seeds(3, 100, null).toArray()).containsExactly(100, 101, 102);
    assertThat(Tries.seeds(3, 100, " ").toArray()).containsExactly(100, 101, 102);
    assertThat(Tries.seeds(3, 100, "7").toArray()).containsExactly(7);
    assertThatThrownBy(() -> Tries.seeds(3, 100, "seven"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "-Dafd.mutation.seed must be a whole number (a seed a failure printed), was 'seven'");
  }

  @Test
  void aTestIsNamedByItsSeedAndValueAndAFailureSaysHowToRerunIt() {
    Gen<Integer> seedOnly = random -> 42;

    DynamicTest passing = Tries.test(12, seedOnly, value -> "value " + value, value -> {});
    DynamicTest failing =
        Tries.test(
            12,
            seedOnly,
            value -> "value " + value,
            value -> assertThat(value).as("the value").isEqualTo(41));

    assertThat(passing.getDisplayName()).isEqualTo("seed 12: value 42");
    assertThatThrownBy(() -> failing.getExecutable().execute())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("seed 12 (rerun only it with -Dafd.mutation.seed=12): value 42\n")
        .hasMessageContaining("[the value]");
  }

  @Test
  void aValueThatCannotBeDrawnFailsItsOwnTry() {
    Gen<Integer> broken = Gen.of(List.<Integer>of(1)).filter(value -> value > 1);

    DynamicTest test = Tries.test(5, broken, value -> "value " + value, value -> {});

    assertThat(test.getDisplayName()).isEqualTo("seed 5: drawing failed");
    assertThatThrownBy(() -> test.getExecutable().execute())
        .isInstanceOf(AssertionError.class)
        .hasMessage("seed 5 (rerun only it with -Dafd.mutation.seed=5): drawing the value failed");
  }
}

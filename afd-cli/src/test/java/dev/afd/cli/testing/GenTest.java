package dev.afd.cli.testing;

import static dev.afd.cli.testing.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GenTest {

  /** {@return {@code count} values drawn one after another from one random seeded {@code seed}} */
  private static <T> List<T> draw(Gen<T> generator, long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<T> values = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      values.add(generator.next(random));
    }
    return values;
  }

  @Test
  void theSameSeedDrawsTheSameValues() {
    Gen<String> generator =
        Gen.combine(Gen.integers(0, 1000), Gen.strings("abc", 0, 5), (n, s) -> n + s);

    assertThat(draw(generator, 7, 50)).isEqualTo(draw(generator, 7, 50));
    assertThat(draw(generator, 7, 50)).isNotEqualTo(draw(generator, 8, 50));
  }

  @Test
  void integersStayInTheirRangeAndReachEveryValue() {
    assertThat(new TreeSet<>(draw(Gen.integers(3, 7), 1, 1000))).containsExactly(3, 4, 5, 6, 7);
  }

  @Test
  void integersOverTheWholeRangeDoNotOverflow() {
    List<Integer> values = draw(Gen.integers(Integer.MIN_VALUE, Integer.MAX_VALUE), 2, 1000);

    // Each bound comes one time in 8: about 125 of 1000 each.
    assertThat(values).contains(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  @Test
  void longsSpreadOverEveryMagnitude() {
    List<Long> values = draw(Gen.longs(Long.MIN_VALUE, -1), 3, 1000);

    assertThat(values).allMatch(value -> value < 0).contains(Long.MIN_VALUE, -1L);
    // A bit length of at most 10 is 10 of the 64 lengths, drawn in 6 of 8 tries: about 117 of
    // 1000; a uniform draw would give one in 2^53.
    assertThat(values).anyMatch(value -> value > -1024 && value < -1);
    assertThat(values).anyMatch(value -> value < -(1L << 62) && value != Long.MIN_VALUE);
  }

  @Test
  void bigIntegersCrossZeroAndStayInTheirRange() {
    List<BigInteger> small = draw(Gen.bigIntegers(BigInteger.valueOf(-5), BigInteger.TWO), 4, 500);
    List<BigInteger> large =
        draw(Gen.bigIntegers(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.TEN.pow(40)), 4, 500);

    assertThat(new TreeSet<>(small))
        .containsExactlyElementsOf(
            IntStream.rangeClosed(-5, 2).mapToObj(BigInteger::valueOf).toList());
    assertThat(large)
        .allMatch(value -> value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) >= 0)
        .allMatch(value -> value.compareTo(BigInteger.TEN.pow(40)) <= 0)
        .contains(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.TEN.pow(40));
  }

  @Test
  void frequencyOfFollowsTheWeights() {
    Gen<String> generator =
        Gen.frequencyOf(weighted(3, Gen.constant("a")), weighted(1, Gen.constant("b")));

    long a = draw(generator, 5, 4000).stream().filter("a"::equals).count();

    // Expected 3000, standard deviation sqrt(4000 * 3/4 * 1/4) = 27.4; 200 is over 7 of them.
    assertThat(a).isBetween(2800L, 3200L);
  }

  @Test
  void oneOfAndOfReachEveryChoice() {
    assertThat(new TreeSet<>(draw(Gen.of("x", "y", "z"), 6, 200))).containsExactly("x", "y", "z");
    assertThat(new TreeSet<>(draw(Gen.oneOf(Gen.constant(1), Gen.integers(2, 3)), 6, 200)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void mapFlatMapAndFilterComposeDraws() {
    Gen<Integer> even = Gen.integers(0, 100).filter(value -> value % 2 == 0);
    Gen<String> repeated = Gen.integers(1, 3).flatMap(n -> Gen.strings("q", n, n));

    assertThat(draw(even, 9, 200)).allMatch(value -> value % 2 == 0);
    assertThat(new TreeSet<>(draw(repeated.map(String::length), 9, 200))).containsExactly(1, 2, 3);
  }

  @Test
  void stringsUseOnlyTheirCharactersAndLengths() {
    List<String> values = draw(Gen.strings("ab", 1, 3), 10, 300);

    assertThat(values).allMatch(value -> value.matches("[ab]{1,3}"));
    assertThat(new TreeSet<>(values.stream().map(String::length).toList()))
        .containsExactly(1, 2, 3);
  }

  @Test
  void doublesStayInTheirRange() {
    assertThat(draw(Gen.doubles(1.0, 1e6), 11, 500)).allMatch(v -> v >= 1.0 && v < 1e6);
  }

  @Test
  void impossibleChoicesAreRefused() {
    assertThatThrownBy(() -> Gen.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nothing to choose from");
    assertThatThrownBy(() -> Gen.integers(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min 2 is above max 1");
    assertThatThrownBy(() -> weighted(0, Gen.constant(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be at least 1, was 0");
    Gen<Integer> never = Gen.integers(0, 9).filter(value -> value > 9);
    assertThatThrownBy(() -> never.next(new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("filter refused 1000 values in a row; draw the values directly");
  }
}

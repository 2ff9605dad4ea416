package dev.afd.cli.testing;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Runs a check on values drawn from a {@link Gen}, one JUnit {@link DynamicTest} per try, for a
 * {@code @TestFactory} to return.
 *
 * <p>Try {@code i} draws its value from {@code new SplittableRandom(baseSeed + i)}, so every run
 * draws the same values. The test's name starts with the seed, and a failure's message gives the
 * seed and the value's description; {@code -D}{@value #SEED_PROPERTY}{@code =N} then runs only seed
 * {@code N} (any seed, not only one of the tries), for instance:
 *
 * <pre>{@code
 * mvn -o verify -pl afd-cli -am -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='MutatedInputTest#aMutatedStudyFile*' -Dafd.mutation.seed=19042
 * }</pre>
 *
 * <p>There is no shrinking: a failing value is reported as drawn.
 */
public final class Tries {

  /** The system property that, when set to a seed, runs only that seed. */
  public static final String SEED_PROPERTY = "afd.mutation.seed";

  /** Display names are cut here so that a long description keeps reports readable. */
  private static final int NAME_LENGTH = 120;

  private Tries() {}

  /**
   * The check run on each value.
   *
   * @param <T> the value's type
   */
  @FunctionalInterface
  public interface Check<T> {
    /** Checks one value; fails by throwing. */
    void run(T value) throws Exception;
  }

  /**
   * {@return one test per try, or only the seed in {@value #SEED_PROPERTY} when it is set}
   *
   * @param tries how many values to draw and check
   * @param baseSeed the seed of try 0; try {@code i} uses {@code baseSeed + i}
   * @param generator draws the values
   * @param describe a value's short description, for the test's name and a failure's message
   * @param check fails by throwing
   */
  public static <T> Stream<DynamicTest> of(
      int tries,
      long baseSeed,
      Gen<? extends T> generator,
      Function<? super T, String> describe,
      Check<? super T> check) {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(describe, "describe");
    Objects.requireNonNull(check, "check");
    return seeds(tries, baseSeed, System.getProperty(SEED_PROPERTY))
        .mapToObj(seed -> test(seed, generator, describe, check));
  }

  /**
   * {@return the seeds to run: {@code baseSeed} to {@code baseSeed + tries - 1}, or only {@code
   * replay}'s seed when it is set}
   *
   * @param replay the value of {@value #SEED_PROPERTY}; null or blank when it is not set
   */
  static LongStream seeds(int tries, long baseSeed, @Nullable String replay) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, was " + tries);
    }
    return replay == null || replay.isBlank()
        ? LongStream.range(0, tries).map(index -> baseSeed + index)
        : LongStream.of(parseSeed(replay));
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D"
              + SEED_PROPERTY
              + " must be a whole number (a seed a failure printed), was '"
              + text
              + "'",
          e);
    }
  }

  /** {@return the test of seed {@code seed}} */
  static <T> DynamicTest test(
      long seed,
      Gen<? extends T> generator,
      Function<? super T, String> describe,
      Check<? super T> check) {
    T value;
    String description;
    try {
      value = generator.next(new SplittableRandom(seed));
      description = describe.apply(value);
    } catch (RuntimeException e) {
      // A generator bug fails this try alone, under its seed, instead of the whole factory.
      return DynamicTest.dynamicTest(
          "seed " + seed + ": drawing failed",
          () -> {
            throw new AssertionError(header(seed, "drawing the value failed"), e);
          });
    }
    return DynamicTest.dynamicTest(
        "seed " + seed + ": " + shorten(description),
        () -> {
          try {
            check.run(value);
          } catch (TestAbortedException e) {
            throw e;
          } catch (Exception | AssertionError e) {
            throw new AssertionError(header(seed, description) + "\n" + e.getMessage(), e);
          }
        });
  }

  private static String header(long seed, String description) {
    return "seed "
        + seed
        + " (rerun only it with -D"
        + SEED_PROPERTY
        + "="
        + seed
        + "): "
        + description;
  }

  private static String shorten(String description) {
    String line = description.replace('\n', ' ');
    return line.length() <= NAME_LENGTH ? line : line.substring(0, NAME_LENGTH - 3) + "...";
  }
}

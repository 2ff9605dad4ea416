package dev.afd.cli.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values: everything it draws comes from the {@link SplittableRandom} it is
 * given, so the same seed gives the same value, on every machine and in every run.
 *
 * <p>Generators are stateless and may be shared; they are composed with {@link #map}, {@link
 * #flatMap}, {@link #combine}, {@link #oneOf} and {@link #frequencyOf}. {@link Tries} turns one
 * into a JUnit test per seed.
 *
 * @param <T> the type of value drawn
 */
@FunctionalInterface
public interface Gen<T> {

  /** How often a ranged number is one of its bounds: the values checks most often get wrong. */
  int BOUND_ONE_IN = 8;

  /** How many draws {@link #filter} makes before it gives up, so a bad filter cannot hang. */
  int FILTER_ATTEMPTS = 1000;

  /** {@return the next value, drawn from {@code random} and nothing else} */
  T next(SplittableRandom random);

  /** {@return a generator of {@code function} applied to this one's values} */
  default <R> Gen<R> map(Function<? super T, ? extends R> function) {
    Objects.requireNonNull(function, "function");
    return random -> function.apply(next(random));
  }

  /** {@return a generator that draws a value here, then from the generator it picks} */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> function) {
    Objects.requireNonNull(function, "function");
    return random -> function.apply(next(random)).next(random);
  }

  /**
   * {@return a generator of this one's values that pass {@code accept}}
   *
   * @throws IllegalStateException from {@link #next} when {@value #FILTER_ATTEMPTS} draws in a row
   *     are refused
   */
  default Gen<T> filter(Predicate<? super T> accept) {
    Objects.requireNonNull(accept, "accept");
    return random -> {
      for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
        T value = next(random);
        if (accept.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException(
          "filter refused " + FILTER_ATTEMPTS + " values in a row; draw the values directly");
    };
  }

  /** {@return a generator that always gives {@code value}} */
  static <T> Gen<T> constant(T value) {
    Objects.requireNonNull(value, "value");
    return random -> value;
  }

  /**
   * {@return a generator of one of {@code values}, each equally likely}
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  static <T> Gen<T> of(List<? extends T> values) {
    List<T> copy = List.copyOf(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    return random -> copy.get(random.nextInt(copy.size()));
  }

  /** {@return a generator of one of {@code values}, each equally likely} */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    // Element by element: handing the array itself on would make javac warn of heap pollution.
    List<T> list = new ArrayList<>(values.length);
    for (T value : values) {
      list.add(value);
    }
    return of(list);
  }

  /**
   * {@return a generator that picks one of {@code generators}, each equally likely, and draws from
   * it}
   */
  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> generators) {
    List<Gen<? extends T>> copy = List.copyOf(generators);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no generator to choose from");
    }
    return random -> copy.get(random.nextInt(copy.size())).next(random);
  }

  /** {@return a generator that picks one of {@code generators}, each equally likely} */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
    List<Gen<? extends T>> list = new ArrayList<>(generators.length);
    for (Gen<? extends T> generator : generators) {
      list.add(generator);
    }
    return oneOf(list);
  }

  /**
   * A generator with its weight in {@link #frequencyOf}.
   *
   * @param weight how many times as likely as a generator of weight 1; at least 1
   * @param generator what it draws from
   * @param <T> the type of value drawn
   */
  record Weighted<T>(int weight, Gen<? extends T> generator) {
    /** Checks the weight and the generator. */
    public Weighted {
      if (weight < 1) {
        throw new IllegalArgumentException("weight must be at least 1, was " + weight);
      }
      Objects.requireNonNull(generator, "generator");
    }
  }

  /** {@return {@code generator} with weight {@code weight}, for {@link #frequencyOf}} */
  static <T> Weighted<T> weighted(int weight, Gen<? extends T> generator) {
    return new Weighted<>(weight, generator);
  }

  /**
   * {@return a generator that picks one of {@code choices} with a chance proportional to its
   * weight, and draws from it}
   */
  @SafeVarargs
  static <T> Gen<T> frequencyOf(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = new ArrayList<>(choices.length);
    for (Weighted<? extends T> choice : choices) {
      copy.add(choice);
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no generator to choose from");
    }
    int total = 0;
    for (Weighted<? extends T> choice : copy) {
      total = Math.addExact(total, choice.weight());
    }
    int sum = total;
    return random -> {
      int ticket = random.nextInt(sum);
      for (Weighted<? extends T> choice : copy) {
        ticket -= choice.weight();
        if (ticket < 0) {
          return choice.generator().next(random);
        }
      }
      throw new AssertionError("a ticket below the total weight always lands on a choice");
    };
  }

  /** {@return a generator of {@code combiner} applied to one value of each generator} */
  static <A, B, R> Gen<R> combine(
      Gen<? extends A> first,
      Gen<? extends B> second,
      BiFunction<? super A, ? super B, ? extends R> combiner) {
    Objects.requireNonNull(combiner, "combiner");
    return random -> combiner.apply(first.next(random), second.next(random));
  }

  /**
   * A function of three values, for {@link #combine(Gen, Gen, Gen, Function3)}.
   *
   * @param <A> the first value's type
   * @param <B> the second value's type
   * @param <C> the third value's type
   * @param <R> the result's type
   */
  @FunctionalInterface
  interface Function3<A, B, C, R> {
    /** {@return the result for these three values} */
    R apply(A first, B second, C third);
  }

  /** {@return a generator of {@code combiner} applied to one value of each generator} */
  static <A, B, C, R> Gen<R> combine(
      Gen<? extends A> first,
      Gen<? extends B> second,
      Gen<? extends C> third,
      Function3<? super A, ? super B, ? super C, ? extends R> combiner) {
    Objects.requireNonNull(combiner, "combiner");
    return random -> combiner.apply(first.next(random), second.next(random), third.next(random));
  }

  /**
   * {@return a generator of integers from {@code min} to {@code max}, both included: each bound one
   * time in {@value #BOUND_ONE_IN}, otherwise uniform}
   *
   * <p>Uniform suits positions and indices (a row, a column, where to cut a file); for numbers
   * whose size matters, use {@link #longs} or {@link #bigIntegers}.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  static Gen<Integer> integers(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    // nextInt(min, max + 1) would overflow at Integer.MAX_VALUE; a long bound does not.
    return orBounds(min, max, random -> (int) random.nextLong(min, (long) max + 1));
  }

  /**
   * {@return a generator of longs from {@code min} to {@code max}, both included, spread over their
   * magnitudes as {@link #bigIntegers} does}
   */
  static Gen<Long> longs(long min, long max) {
    return bigIntegers(BigInteger.valueOf(min), BigInteger.valueOf(max)).map(BigInteger::longValue);
  }

  /**
   * {@return a generator of integers from {@code min} to {@code max}, both included}
   *
   * <p>Each bound comes one time in {@value #BOUND_ONE_IN}. Otherwise the generator picks a bit
   * length uniformly among those the range holds, then a value of that length uniformly, so that
   * {@code -1}, {@code -1000} and {@link Long#MIN_VALUE} are all likely from one wide range: a
   * uniform draw from {@code [2^31, 2^63)} would almost always be near {@code 2^62}, and limits in
   * loaders sit at every size (int, long, double).
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  static Gen<BigInteger> bigIntegers(BigInteger min, BigInteger max) {
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    return orBounds(min, max, random -> magnitudeSpread(min, max, random));
  }

  /** {@return {@code min} one time in {@value #BOUND_ONE_IN}, as often {@code max}, else a draw} */
  private static <T> Gen<T> orBounds(T min, T max, Gen<T> between) {
    return random -> {
      int pick = random.nextInt(BOUND_ONE_IN);
      return pick == 0 ? min : pick == 1 ? max : between.next(random);
    };
  }

  /** One value in {@code [min, max]}: a random side of zero, a random bit length, then uniform. */
  private static BigInteger magnitudeSpread(
      BigInteger min, BigInteger max, SplittableRandom random) {
    // The range split at zero into the parts with one sign; pick a part by a fair coin.
    List<BigInteger[]> parts = new ArrayList<>();
    if (min.signum() < 0) {
      parts.add(new BigInteger[] {min, max.min(BigInteger.ONE.negate())});
    }
    if (max.signum() >= 0) {
      parts.add(new BigInteger[] {min.max(BigInteger.ZERO), max});
    }
    BigInteger[] part = parts.get(random.nextInt(parts.size()));
    boolean negative = part[1].signum() < 0;
    // Work on magnitudes from low to high; a negative part mirrors back at the end.
    BigInteger low = negative ? part[1].negate() : part[0];
    BigInteger high = negative ? part[0].negate() : part[1];
    int bits = low.bitLength() + random.nextInt(high.bitLength() - low.bitLength() + 1);
    // Values with exactly that bit length, clipped to [low, high].
    BigInteger from = bits == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1);
    BigInteger to = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    BigInteger value = uniform(from.max(low), to.min(high), random);
    return negative ? value.negate() : value;
  }

  /** A uniform value in {@code [low, high]} by rejection sampling on random bits. */
  private static BigInteger uniform(BigInteger low, BigInteger high, SplittableRandom random) {
    BigInteger span = high.subtract(low);
    int bits = span.bitLength();
    while (true) {
      BigInteger offset = BigInteger.ZERO;
      for (int done = 0; done < bits; done += Integer.SIZE) {
        int take = Math.min(Integer.SIZE, bits - done);
        long chunk = Integer.toUnsignedLong(random.nextInt()) >>> (Integer.SIZE - take);
        offset = offset.shiftLeft(take).or(BigInteger.valueOf(chunk));
      }
      if (offset.compareTo(span) <= 0) {
        return low.add(offset);
      }
    }
  }

  /** {@return a generator of doubles uniform in {@code [min, max)}} */
  static Gen<Double> doubles(double min, double max) {
    if (!(min < max) || !Double.isFinite(max - min)) {
      throw new IllegalArgumentException("need finite min < max, got " + min + " and " + max);
    }
    return random -> random.nextDouble(min, max);
  }

  /**
   * {@return a generator of strings of {@code minLength} to {@code maxLength} characters, each one
   * of {@code characters}}
   */
  static Gen<String> strings(String characters, int minLength, int maxLength) {
    if (characters.isEmpty() || minLength < 0 || minLength > maxLength) {
      throw new IllegalArgumentException(
          "need characters and 0 <= minLength <= maxLength, got '"
              + characters
              + "', "
              + minLength
              + ", "
              + maxLength);
    }
    return random -> {
      int length = minLength + random.nextInt(maxLength - minLength + 1);
      StringBuilder text = new StringBuilder(length);
      for (int index = 0; index < length; index++) {
        text.append(characters.charAt(random.nextInt(characters.length())));
      }
      return text.toString();
    };
  }
}

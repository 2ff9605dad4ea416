package dev.afd.simulate;

import java.util.Arrays;

/**
 * Memoizes an {@link IterationPricer} by shape bucket ({@link Buckets}): every count is rounded to
 * its grid point, the delegate prices the rounded shape once, and later iterations in the same
 * bucket reuse the price. A simulation of millions of requests meets a few thousand buckets, so
 * pricing (operators through the kernel cost model and network model) stops being the cost.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
public final class BucketedIterationPricer implements IterationPricer {
  private static final long EMPTY = -1;
  private final IterationPricer delegate;
  private long[] keys = new long[1 << 12];
  private double[] values = new double[1 << 12];
  private int size;
  private long misses;

  /** Memoizes {@code delegate}. */
  public BucketedIterationPricer(IterationPricer delegate) {
    this.delegate = delegate;
    Arrays.fill(keys, EMPTY);
  }

  /** {@return how many distinct shape buckets were priced by the delegate} */
  public long pricedShapes() {
    return misses;
  }

  @Override
  public double iterationSeconds(
      int decodes, long decodeContext, int prompts, long prefillTokens, long cachedContext) {
    long decode = Buckets.round(decodes);
    long context = decodes == 0 ? 0 : Buckets.round(decodeContext);
    long prefills = Buckets.round(prompts);
    long tokens = prompts == 0 ? 0 : Buckets.round(prefillTokens);
    long cached = prompts == 0 ? 0 : Buckets.round(cachedContext);
    // A rounded token count never falls below the rounded sequence count that carries it.
    tokens = Math.max(tokens, prefills);
    int bits = Buckets.INDEX_BITS;
    long key =
        (((((Buckets.index(decode) << bits) | Buckets.index(context)) << bits
                            | Buckets.index(prefills))
                        << bits
                    | Buckets.index(tokens))
                << bits)
            | Buckets.index(cached);
    int mask = keys.length - 1;
    int slot = (int) mix(key) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    double seconds =
        delegate.iterationSeconds((int) decode, context, (int) prefills, tokens, cached);
    misses++;
    keys[slot] = key;
    values[slot] = seconds;
    if (++size * 2 > keys.length) {
      grow();
    }
    return seconds;
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  private void grow() {
    long[] oldKeys = keys;
    double[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new double[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int index = 0; index < oldKeys.length; index++) {
      if (oldKeys[index] != EMPTY) {
        int slot = (int) mix(oldKeys[index]) & mask;
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[index];
        values[slot] = oldValues[index];
      }
    }
  }
}

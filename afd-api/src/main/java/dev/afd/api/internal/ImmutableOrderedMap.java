package dev.afd.api.internal;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map that iterates in insertion order, backed by two arrays: the small ordered maps
 * of a {@code ServingResult} (knobs, devices by role, stage times), built once per evaluated
 * candidate.
 *
 * <p>Copying one into another is free ({@link #copyOf} returns it), which lets value types copy
 * their map components defensively without paying for it in the explorer's hot path. Used by {@code
 * ServingResult} and the built-in strategies. Lookups scan the keys, so it is meant for a few dozen
 * entries at most. Nulls are rejected. Immutable and thread-safe; its builder is not.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1
 */
public final class ImmutableOrderedMap<K, V> extends AbstractMap<K, V> {
  private static final Object[] NONE = {};
  private static final ImmutableOrderedMap<Object, Object> EMPTY =
      new ImmutableOrderedMap<>(NONE, NONE);

  private final Object[] keys;
  private final Object[] values;

  private ImmutableOrderedMap(Object[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * {@return the empty map}
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  @SuppressWarnings("unchecked")
  public static <K, V> ImmutableOrderedMap<K, V> of() {
    return (ImmutableOrderedMap<K, V>) EMPTY;
  }

  /**
   * {@return an immutable copy of {@code map} in its iteration order, or {@code map} itself when it
   * already is an {@code ImmutableOrderedMap}}
   *
   * @param map the map to copy
   * @param <K> the key type
   * @param <V> the value type
   * @throws NullPointerException if the map holds a null key or value
   */
  @SuppressWarnings("unchecked")
  public static <K, V> ImmutableOrderedMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
    if (map instanceof ImmutableOrderedMap<?, ?> immutable) {
      return (ImmutableOrderedMap<K, V>) immutable;
    }
    int size = map.size();
    if (size == 0) {
      return of();
    }
    Object[] keys = new Object[size];
    Object[] values = new Object[size];
    int index = 0;
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      keys[index] = requireNonNull(entry.getKey(), "key");
      values[index] = requireNonNull(entry.getValue(), "value");
      index++;
    }
    if (index != size) {
      throw new IllegalArgumentException("map changed size while being copied");
    }
    return new ImmutableOrderedMap<>(keys, values);
  }

  /**
   * {@return a builder}
   *
   * @param expectedSize entries expected (the builder grows past it)
   * @param <K> the key type
   * @param <V> the value type
   */
  public static <K, V> Builder<K, V> builder(int expectedSize) {
    return new Builder<>(expectedSize);
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean isEmpty() {
    return keys.length == 0;
  }

  private int indexOf(@Nullable Object key) {
    for (int index = 0; index < keys.length; index++) {
      if (keys[index] == key || keys[index].equals(key)) {
        return index;
      }
    }
    return -1;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable V get(@Nullable Object key) {
    int index = indexOf(key);
    return index < 0 ? null : (V) values[index];
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super K, ? super V> action) {
    for (int index = 0; index < keys.length; index++) {
      action.accept((K) keys[index], (V) values[index]);
    }
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<K, V> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int index = next++;
            return new AbstractMap.SimpleImmutableEntry<>((K) keys[index], (V) values[index]);
          }
        };
      }
    };
  }

  /**
   * Builds an {@link ImmutableOrderedMap}: {@link #put} behaves as on a {@code LinkedHashMap} (a
   * key put again keeps its position and takes the new value). Not thread-safe.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {
    private Object[] keys;
    private Object[] values;
    // Key hashes, so that the duplicate check of put() rarely calls equals().
    private int[] hashes;
    private int size;
    // Whether the arrays were handed to a built map: copied before the next put.
    private boolean shared;

    private Builder(int expectedSize) {
      int capacity = Math.max(1, expectedSize);
      keys = new Object[capacity];
      values = new Object[capacity];
      hashes = new int[capacity];
    }

    /**
     * Puts an entry.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder<K, V> put(K key, V value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      int hash = key.hashCode();
      for (int index = 0; index < size; index++) {
        if (keys[index] == key || (hashes[index] == hash && keys[index].equals(key))) {
          if (shared) {
            values = values.clone();
            keys = keys.clone();
            shared = false;
          }
          values[index] = value;
          return this;
        }
      }
      if (size == keys.length || shared) {
        int capacity = size == keys.length ? size * 2 : keys.length;
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
        shared = false;
      }
      if (hashes.length < keys.length) {
        hashes = Arrays.copyOf(hashes, keys.length);
      }
      keys[size] = key;
      values[size] = value;
      hashes[size] = hash;
      size++;
      return this;
    }

    /**
     * Puts every entry of a map, in its iteration order.
     *
     * @param map the entries
     * @return this builder
     */
    public Builder<K, V> putAll(Map<? extends K, ? extends V> map) {
      if (size == 0 && map instanceof ImmutableOrderedMap<?, ?> immutable) {
        // Nothing to replace and no duplicates: copy the arrays.
        int count = immutable.keys.length;
        if (keys.length < count) {
          keys = new Object[count];
          values = new Object[count];
          hashes = new int[count];
          shared = false;
        } else if (shared) {
          keys = keys.clone();
          values = values.clone();
          shared = false;
        }
        System.arraycopy(immutable.keys, 0, keys, 0, count);
        System.arraycopy(immutable.values, 0, values, 0, count);
        for (int index = 0; index < count; index++) {
          hashes[index] = keys[index].hashCode();
        }
        size = count;
        return this;
      }
      map.forEach(this::put);
      return this;
    }

    /** {@return the map; the builder may go on being used} */
    public ImmutableOrderedMap<K, V> build() {
      if (size == 0) {
        return of();
      }
      if (size == keys.length) {
        // Exactly as expected: hand the arrays over, copying them only if the builder goes on.
        shared = true;
        return new ImmutableOrderedMap<>(keys, values);
      }
      return new ImmutableOrderedMap<>(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
    }
  }
}

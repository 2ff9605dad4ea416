package dev.afd.huggingface;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.strategy.WorkloadSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Typed, validated access to the fields of a Hugging Face {@code config.json} (or {@code
 * hf_quant_config.json}) already parsed into maps, lists, strings, numbers and booleans.
 *
 * <p>Shared by the built-in catalog (which transcribes publishers' configs with {@link #of}) and
 * the engine's importer (which parses files), so both assemble identical models. Every failure is
 * an {@link AfdConfigurationException} naming the file and the field. Immutable.
 */
public final class HuggingFaceConfig {
  /**
   * The most layers a config may declare: 1024. The deepest published LLMs have about 130 layers;
   * the importer builds objects per layer, and 10^9 layers ran out of memory after 150 s.
   */
  public static final long MAX_LAYERS = 1024;

  /**
   * The most experts a count field may hold: 65536, over a hundred times the most routed experts in
   * a published MoE model (512); per-expert arrays are sized by it.
   */
  public static final long MAX_EXPERTS = 1 << 16;

  /**
   * The largest token count (context length, sliding window, attention chunk): the workload limit
   * {@link WorkloadSpec#MAX_CONTEXT_TOKENS}, since a longer window could never be used.
   */
  public static final long MAX_TOKENS = WorkloadSpec.MAX_CONTEXT_TOKENS;

  /**
   * The largest value of any other integer field (widths, heads, vocabulary, bits): 2^20, four
   * times the widest published vocabulary (262 144) and 40 times the widest hidden layer; weight
   * counts are products of two such sizes and stay far from overflow.
   */
  public static final long MAX_SIZE = 1 << 20;

  /** The fields with a limit other than {@link #MAX_SIZE}; a lookup table, never iterated. */
  private static final Map<String, Long> LIMITS =
      Map.ofEntries(
          Map.entry("num_hidden_layers", MAX_LAYERS),
          Map.entry("num_nextn_predict_layers", MAX_LAYERS),
          Map.entry("num_mtp_modules", MAX_LAYERS),
          Map.entry("first_k_dense_replace", MAX_LAYERS),
          Map.entry("n_routed_experts", MAX_EXPERTS),
          Map.entry("num_local_experts", MAX_EXPERTS),
          Map.entry("num_experts", MAX_EXPERTS),
          Map.entry("num_experts_per_tok", MAX_EXPERTS),
          Map.entry("n_shared_experts", MAX_EXPERTS),
          Map.entry("max_position_embeddings", MAX_TOKENS),
          Map.entry("sliding_window", MAX_TOKENS),
          Map.entry("attention_chunk_size", MAX_TOKENS));

  private final String file;
  private final String prefix;
  private final Map<String, @Nullable Object> values;

  /**
   * Wraps parsed values.
   *
   * @param file the file name, for messages
   * @param values the top-level object
   */
  public HuggingFaceConfig(String file, Map<String, ? extends @Nullable Object> values) {
    this(file, "", values);
  }

  private HuggingFaceConfig(
      String file, String prefix, Map<String, ? extends @Nullable Object> values) {
    this.file = file;
    this.prefix = prefix;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * {@return a config from alternating field names and values, for transcribed configs}
   *
   * @param file the file the values come from
   * @param namesAndValues {@code name1, value1, name2, value2, ...}
   */
  public static HuggingFaceConfig of(String file, @Nullable Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    for (int index = 0; index < namesAndValues.length; index += 2) {
      values.put((String) namesAndValues[index], namesAndValues[index + 1]);
    }
    return new HuggingFaceConfig(file, values);
  }

  /** {@return the file name used in messages} */
  public String file() {
    return file;
  }

  /**
   * {@return whether the field is present and not null}
   *
   * @param field the field
   */
  public boolean has(String field) {
    return values.get(field) != null;
  }

  /** {@return up to eight top-level field names, sorted (for messages)} */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(values.keySet());
    names.sort(null);
    return names.size() > 8 ? List.copyOf(names.subList(0, 8)) : List.copyOf(names);
  }

  /**
   * {@return whether the field holds a string}
   *
   * @param field the field
   */
  public boolean hasString(String field) {
    return values.get(field) instanceof String;
  }

  private String path(String field) {
    return prefix + field;
  }

  private AfdConfigurationException error(String field, String expectation, Object value) {
    return new AfdConfigurationException(
        file + ": field '" + path(field) + "' must be " + expectation + ", got '" + value + "'");
  }

  private Object required(String field) {
    Object value = values.get(field);
    if (value == null) {
      throw new AfdConfigurationException(file + ": missing required field '" + path(field) + "'");
    }
    return value;
  }

  private long integer(String field, Object value) {
    long result = unlimitedInteger(field, value);
    long limit = LIMITS.getOrDefault(field, MAX_SIZE);
    if (result > limit) {
      throw error(field, "at most " + limit, result);
    }
    return result;
  }

  private long unlimitedInteger(String field, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 63) {
      return big.longValue();
    }
    if ((value instanceof Double || value instanceof Float || value instanceof BigDecimal)
        && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())
        && Math.abs(((Number) value).doubleValue()) < 9e15) {
      return (long) ((Number) value).doubleValue();
    }
    throw error(field, "an integer", value);
  }

  private int toInt(String field, long value) {
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw error(field, "at most " + Integer.MAX_VALUE, value);
    }
    return (int) value;
  }

  /**
   * {@return a required integer {@code > 0}}
   *
   * @param field the field
   */
  public int positiveInt(String field) {
    return toInt(field, positiveLong(field));
  }

  /**
   * {@return a required integer {@code > 0}}
   *
   * @param field the field
   */
  public long positiveLong(String field) {
    long value = integer(field, required(field));
    if (value <= 0) {
      throw error(field, "> 0", value);
    }
    return value;
  }

  /**
   * {@return a required integer {@code >= 0}}
   *
   * @param field the field
   */
  public int nonNegativeInt(String field) {
    long value = integer(field, required(field));
    if (value < 0) {
      throw error(field, ">= 0", value);
    }
    return toInt(field, value);
  }

  /**
   * {@return an optional integer {@code > 0}, or {@code fallback} when absent or null}
   *
   * @param field the field
   * @param fallback the value when absent
   */
  public int optionalPositiveInt(String field, int fallback) {
    return has(field) ? positiveInt(field) : fallback;
  }

  /**
   * {@return an optional integer {@code >= 0}, or {@code fallback} when absent or null}
   *
   * @param field the field
   * @param fallback the value when absent
   */
  public int optionalNonNegativeInt(String field, int fallback) {
    return has(field) ? nonNegativeInt(field) : fallback;
  }

  /**
   * {@return an optional boolean, or {@code fallback} when absent or null}
   *
   * @param field the field
   * @param fallback the value when absent
   */
  public boolean optionalBoolean(String field, boolean fallback) {
    Object value = values.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw error(field, "true or false", value);
  }

  /**
   * {@return an optional string}
   *
   * @param field the field
   */
  public Optional<String> optionalString(String field) {
    Object value = values.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    throw error(field, "a string", value);
  }

  /**
   * {@return a required string}
   *
   * @param field the field
   */
  public String requiredString(String field) {
    Object value = required(field);
    if (value instanceof String text) {
      return text;
    }
    throw error(field, "a string", value);
  }

  /**
   * {@return an optional list of strings, empty when absent or null}
   *
   * @param field the field
   */
  public List<String> optionalStrings(String field) {
    Object value = values.get(field);
    if (value == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof String text)) {
          throw error(field, "a list of strings", value);
        }
        strings.add(text);
      }
      return List.copyOf(strings);
    }
    throw error(field, "a list of strings", value);
  }

  /**
   * {@return an optional list of integers, empty when absent or null}
   *
   * @param field the field
   */
  public List<Long> optionalIntegers(String field) {
    Object value = values.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error(field, "a list of integers", value);
    }
    List<Long> integers = new ArrayList<>();
    for (Object element : list) {
      if (element == null) {
        throw error(field, "a list of integers", value);
      }
      integers.add(integer(field, element));
    }
    return List.copyOf(integers);
  }

  /**
   * {@return a nested object, when present and not null}
   *
   * @param field the field
   */
  public Optional<HuggingFaceConfig> child(String field) {
    Object value = values.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> nested = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        nested.put(String.valueOf(entry.getKey()), entry.getValue());
      }
      return Optional.of(new HuggingFaceConfig(file, path(field) + ".", nested));
    }
    throw error(field, "an object", value);
  }

  /**
   * Fails unless {@code value <= limit}, naming both fields.
   *
   * @param field the checked field
   * @param value its value
   * @param limitField the field that bounds it
   * @param limit the bound
   */
  public void requireAtMost(String field, long value, String limitField, long limit) {
    if (value > limit) {
      throw boundError(field, "<=", limitField, limit, value);
    }
  }

  /**
   * Fails unless {@code value < limit}, naming both fields.
   *
   * @param field the checked field
   * @param value its value
   * @param limitField the field that bounds it
   * @param limit the bound
   */
  public void requireBelow(String field, long value, String limitField, long limit) {
    if (value >= limit) {
      throw boundError(field, "<", limitField, limit, value);
    }
  }

  private AfdConfigurationException boundError(
      String field, String relation, String limitField, long limit, long value) {
    return new AfdConfigurationException(
        file
            + ": field '"
            + path(field)
            + "' must be "
            + relation
            + " field '"
            + path(limitField)
            + "' ("
            + limit
            + "), got '"
            + value
            + "'");
  }

  /**
   * {@return an error about a field with a custom expectation}
   *
   * @param field the field
   * @param expectation what was expected
   * @param value the offending value
   */
  public AfdConfigurationException invalid(String field, String expectation, Object value) {
    return error(field, expectation, value);
  }
}

package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Roofline models for the AIConfigurator kernel families: the larger of compute time at the dense
 * tensor-core peak and memory time at the HBM peak.
 *
 * <p>They are deliberately simple (no launch overhead, no tile quantisation): {@link LatencyGrid}
 * only uses ratios of roofline times between nearby points, so what matters is how the ideal time
 * scales with each axis, not its absolute value. Each model finds its columns by name in the {@link
 * GridLayout}, whether they are category columns or axes.
 */
public final class KernelRooflines {
  /** Per-token KV latent width of DeepSeek-style MLA (512 compressed + 64 rotary), in elements. */
  private static final int MLA_LATENT_WIDTH = 576;

  /** Query/key head width of DeepSeek-style MLA in the context phase (128 + 64 rotary). */
  private static final int MLA_QUERY_KEY_HEAD_WIDTH = 192;

  /** Value head width of DeepSeek-style MLA. */
  private static final int MLA_VALUE_HEAD_WIDTH = 128;

  /** Bytes per element of activations and outputs, which the tables keep in 16-bit. */
  private static final double ACTIVATION_BYTES = 2;

  private KernelRooflines() {}

  /**
   * GEMM {@code C[m,n] = A[m,k] B[k,n]}: 2mnk FLOP; reads A and B in {@code gemm_dtype}, writes C
   * in 16-bit.
   */
  public static RooflineModel gemm(GridLayout layout, SystemSpecification system) {
    Columns columns = new Columns(layout);
    int dataType = columns.category("gemm_dtype");
    int m = columns.number("m");
    int n = columns.number("n");
    int k = columns.number("k");
    return (categories, coordinates) -> {
      String type = categories[dataType];
      double rows = columns.value(m, categories, coordinates);
      double outputs = columns.value(n, categories, coordinates);
      double depth = columns.value(k, categories, coordinates);
      double flop = 2 * rows * outputs * depth;
      double bytes =
          (rows * depth + depth * outputs) * bytesPerElement(type)
              + rows * outputs * ACTIVATION_BYTES;
      return speedOfLight(system, type, flop, bytes);
    };
  }

  /**
   * Causal context (prefill) attention over {@code isl} tokens, with sliding window {@code
   * window_size} when positive: 4·b·h·d·s·s_eff/2 FLOP; reads Q, K, V and writes O once.
   */
  public static RooflineModel contextAttention(GridLayout layout, SystemSpecification system) {
    AttentionColumns attention = new AttentionColumns(layout, "isl");
    Columns columns = attention.columns();
    int attentionType = columns.category("attn_dtype");
    int window = columns.number("window_size");
    int headDimension = columns.number("head_dim");
    int keyValueHeads = columns.number("num_key_value_heads");
    return (categories, coordinates) -> {
      double b = attention.batch(categories, coordinates);
      double s = attention.tokens(categories, coordinates);
      double h = attention.heads(categories, coordinates);
      double kv = columns.value(keyValueHeads, categories, coordinates);
      double d = columns.value(headDimension, categories, coordinates);
      double w = columns.value(window, categories, coordinates);
      double attended = w > 0 ? Math.min(s, w) : s;
      // Causal masking halves the score matrix unless a window already bounds it.
      double causalFraction = w > 0 && w < s ? 1 : 0.5;
      double flop = 4 * b * h * d * s * attended * causalFraction;
      double bytes =
          b * s * d * (2 * h * ACTIVATION_BYTES + 2 * kv * attention.cacheBytes(categories));
      return speedOfLight(system, categories[attentionType], flop, bytes);
    };
  }

  /**
   * Generation (decode) attention of one new token per sequence against {@code step} cached tokens:
   * reads the K and V cache, 4·b·h·d·kv_len FLOP at the 16-bit peak.
   */
  public static RooflineModel generationAttention(GridLayout layout, SystemSpecification system) {
    AttentionColumns attention = new AttentionColumns(layout, "step");
    Columns columns = attention.columns();
    int window = columns.number("window_size");
    int headDimension = columns.number("head_dim");
    int keyValueHeads = columns.number("num_key_value_heads");
    return (categories, coordinates) -> {
      double b = attention.batch(categories, coordinates);
      double length = attention.tokens(categories, coordinates) + 1;
      double w = columns.value(window, categories, coordinates);
      double attended = w > 0 ? Math.min(length, w) : length;
      double h = attention.heads(categories, coordinates);
      double kv = columns.value(keyValueHeads, categories, coordinates);
      double d = columns.value(headDimension, categories, coordinates);
      double flop = 4 * b * h * d * attended;
      double bytes =
          2 * b * attended * kv * d * attention.cacheBytes(categories)
              + 2 * b * h * d * ACTIVATION_BYTES;
      return speedOfLight(system, "bfloat16", flop, bytes);
    };
  }

  /** DeepSeek-style MLA in the context phase, computed per head as ordinary causal attention. */
  public static RooflineModel contextMla(GridLayout layout, SystemSpecification system) {
    AttentionColumns attention = new AttentionColumns(layout, "isl");
    return (categories, coordinates) -> {
      double b = attention.batch(categories, coordinates);
      double s = attention.tokens(categories, coordinates);
      double h = attention.heads(categories, coordinates);
      double flop = b * h * s * s / 2 * 2 * (MLA_QUERY_KEY_HEAD_WIDTH + MLA_VALUE_HEAD_WIDTH);
      double bytes =
          b * s * h * (2 * MLA_QUERY_KEY_HEAD_WIDTH + 2 * MLA_VALUE_HEAD_WIDTH) * ACTIVATION_BYTES
              + b * s * MLA_LATENT_WIDTH * attention.cacheBytes(categories);
      return speedOfLight(system, "bfloat16", flop, bytes);
    };
  }

  /**
   * DeepSeek-style MLA in the generation phase with absorbed weights: every head attends over the
   * shared 576-wide latent cache of {@code step} tokens.
   */
  public static RooflineModel generationMla(GridLayout layout, SystemSpecification system) {
    AttentionColumns attention = new AttentionColumns(layout, "step");
    return (categories, coordinates) -> {
      double b = attention.batch(categories, coordinates);
      double length = attention.tokens(categories, coordinates) + 1;
      double h = attention.heads(categories, coordinates);
      double flop = 2 * b * h * length * (MLA_LATENT_WIDTH + MLA_LATENT_WIDTH - 64);
      double bytes =
          b * length * MLA_LATENT_WIDTH * attention.cacheBytes(categories)
              + 2 * b * h * MLA_LATENT_WIDTH * ACTIVATION_BYTES;
      return speedOfLight(system, "bfloat16", flop, bytes);
    };
  }

  /**
   * A gated MoE layer on one GPU of a {@code moe_tp_size} × {@code moe_ep_size} group: the routed
   * tokens' three expert GEMMs, reading the weights of the experts that receive at least one token
   * (expected count under uniform routing).
   */
  public static RooflineModel moe(GridLayout layout, SystemSpecification system) {
    Columns columns = new Columns(layout);
    int dataType = columns.category("moe_dtype");
    int hidden = columns.number("hidden_size");
    int intermediate = columns.number("inter_size");
    int topK = columns.number("topk");
    int experts = columns.number("num_experts");
    int tensorParallel = columns.number("moe_tp_size");
    int expertParallel = columns.number("moe_ep_size");
    int tokens = columns.number("num_tokens");
    return (categories, coordinates) -> {
      String type = categories[dataType];
      double t = columns.value(tokens, categories, coordinates);
      double hiddenSize = columns.value(hidden, categories, coordinates);
      double localIntermediate =
          columns.value(intermediate, categories, coordinates)
              / columns.value(tensorParallel, categories, coordinates);
      double expertCount = columns.value(experts, categories, coordinates);
      double ep = columns.value(expertParallel, categories, coordinates);
      double routed = t * columns.value(topK, categories, coordinates);
      double localExperts = expertCount / ep;
      double activeLocalExperts = localExperts * (1 - Math.pow(1 - 1 / expertCount, routed));
      double localRouted = routed / ep;
      double flop = 2 * localRouted * hiddenSize * localIntermediate * 3;
      double bytes =
          activeLocalExperts * 3 * hiddenSize * localIntermediate * bytesPerElement(type)
              + 2 * localRouted * hiddenSize * ACTIVATION_BYTES;
      return speedOfLight(system, type, flop, bytes);
    };
  }

  /**
   * MLA's per-head batched GEMMs ({@code mla_bmm}): {@code num_heads} multiplies of {@code
   * num_tokens} rows between the 128-wide per-head space and the 512-wide latent, in either
   * direction; 2·h·t·128·512 FLOP, reads the weights once and the activations in 16-bit.
   */
  public static RooflineModel mlaBmm(GridLayout layout, SystemSpecification system) {
    Columns columns = new Columns(layout);
    int dataType = columns.category("bmm_dtype");
    int heads = columns.number("num_heads");
    int tokens = columns.number("num_tokens");
    double headWidth = MLA_VALUE_HEAD_WIDTH;
    double latentWidth = MLA_LATENT_WIDTH - 64;
    return (categories, coordinates) -> {
      String type = categories[dataType];
      double h = columns.value(heads, categories, coordinates);
      double t = columns.value(tokens, categories, coordinates);
      double flop = 2 * h * t * headWidth * latentWidth;
      double bytes =
          h * headWidth * latentWidth * bytesPerElement(type)
              + h * t * (headWidth + latentWidth) * ACTIVATION_BYTES;
      return speedOfLight(system, type, flop, bytes);
    };
  }

  /** {@return the longer of compute at the dtype's dense peak and memory at full bandwidth} */
  private static double speedOfLight(
      SystemSpecification system, String dataType, double flop, double bytes) {
    return Math.max(
        flop / peakFlops(system, dataType), bytes / system.memoryBandwidthBytesPerSecond());
  }

  /** {@return bytes per element of an AIConfigurator dtype name; 16-bit when unknown} */
  static double bytesPerElement(String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (type.contains("fp4") || type.startsWith("w4")) {
      return 0.5;
    }
    if (type.startsWith("fp8") || type.equals("int8")) {
      return 1;
    }
    if (type.equals("float32")) {
      return 4;
    }
    return 2;
  }

  /**
   * {@return the dense peak the kernel can use: fp4 or fp8 if listed for its dtype, else 16-bit}
   */
  static double peakFlops(SystemSpecification system, String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    String peakType;
    if (type.contains("fp4")) {
      peakType = "fp4";
    } else if (type.contains("fp8") || type.equals("int8")) {
      peakType = type.equals("int8") ? "int8" : "fp8";
    } else {
      peakType = "bfloat16";
    }
    return system
        .denseFlopsPerSecond(peakType)
        .or(() -> system.denseFlopsPerSecond("bfloat16"))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "System specification lists no bfloat16_tc_flops, which rooflines need"));
  }

  /** Finds columns by name among a layout's categories (parsed as numbers) and axes. */
  /**
   * The columns every attention grid has: the KV cache format, heads, batch and a per-sequence
   * token count ({@code isl} in the context phase, {@code step} in generation).
   */
  private static final class AttentionColumns {
    private final Columns columns;
    private final int cacheType;
    private final int heads;
    private final int batch;
    private final int tokens;

    AttentionColumns(GridLayout layout, String tokensColumn) {
      this.columns = new Columns(layout);
      this.cacheType = columns.category("kv_cache_dtype");
      this.heads = columns.number("num_heads");
      this.batch = columns.number("batch_size");
      this.tokens = columns.number(tokensColumn);
    }

    Columns columns() {
      return columns;
    }

    double batch(String[] categories, double[] coordinates) {
      return columns.value(batch, categories, coordinates);
    }

    double tokens(String[] categories, double[] coordinates) {
      return columns.value(tokens, categories, coordinates);
    }

    double heads(String[] categories, double[] coordinates) {
      return columns.value(heads, categories, coordinates);
    }

    /** {@return bytes per element of the KV cache at a grid point} */
    double cacheBytes(String[] categories) {
      return bytesPerElement(categories[cacheType]);
    }
  }

  private static final class Columns {
    private final List<String> categories;
    private final List<String> axes;

    Columns(GridLayout layout) {
      requireNonNull(layout, "layout");
      this.categories = layout.categoryColumns();
      this.axes = layout.axes().stream().map(GridLayout.Axis::column).toList();
    }

    /** {@return the index of a text category column} */
    int category(String column) {
      int index = categories.indexOf(column);
      if (index < 0) {
        throw missing(column);
      }
      return index;
    }

    /**
     * {@return a handle for a numeric column: axis index {@code i} as {@code i}, category index
     * {@code j} as {@code -1 - j}}
     */
    int number(String column) {
      int axis = axes.indexOf(column);
      if (axis >= 0) {
        return axis;
      }
      int category = categories.indexOf(column);
      if (category >= 0) {
        return -1 - category;
      }
      throw missing(column);
    }

    double value(int handle, String[] categoryValues, double[] coordinates) {
      return handle >= 0 ? coordinates[handle] : Double.parseDouble(categoryValues[-1 - handle]);
    }

    private IllegalArgumentException missing(String column) {
      return new IllegalArgumentException(
          "Roofline needs column '"
              + column
              + "' as a category or axis of the layout, which has categories "
              + categories
              + " and axes "
              + axes);
    }
  }
}

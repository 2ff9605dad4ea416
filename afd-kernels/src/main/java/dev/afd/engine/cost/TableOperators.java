package dev.afd.engine.cost;

import dev.afd.api.operator.AttentionKind;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.Precision;
import dev.afd.engine.internal.kerneldb.KernelFamilies;
import dev.afd.engine.internal.kerneldb.KernelFamily;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.KernelTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns measured table rows back into afd operators, the inverse of {@link
 * MeasuredKernelCostModel}'s mapping; calibration and the round-trip tests use it.
 */
final class TableOperators {
  private static final Set<String> PREFERRED_KERNELS =
      Set.of("torch_flow", "default", "moe_torch_flow_cutlass", "moe_torch_flow_nongated");

  /**
   * A measured row as an operator.
   *
   * @param operator the operator
   * @param measuredSeconds the measured latency
   */
  record Sample(Operator operator, double measuredSeconds) {}

  private TableOperators() {}

  /**
   * Samples up to {@code limit} rows of a family's table, evenly spaced, as operators; rows of
   * kernels the cost model does not prefer, and rows with no afd operator, are skipped.
   *
   * @return the samples, empty if the system lacks the table
   */
  static List<Sample> samples(KernelSystem system, KernelFamily family, int limit) {
    if (system.tableIds().stream().noneMatch(id -> id.name().equals(family.tableName()))) {
      return List.of();
    }
    KernelTable table = system.table(family.tableName());
    double[] latencies = table.latencySeconds();
    List<Integer> usable = new ArrayList<>();
    Rows rows = new Rows(table);
    for (int row = 0; row < table.rowCount(); row++) {
      if (rows.operator(family, row) != null) {
        usable.add(row);
      }
    }
    List<Sample> samples = new ArrayList<>();
    double stride = Math.max(1.0, usable.size() / (double) limit);
    for (double position = 0; position < usable.size(); position += stride) {
      int row = usable.get((int) position);
      samples.add(new Sample(rows.operator(family, row), latencies[row]));
    }
    return samples;
  }

  /** Column access for one table. */
  private static final class Rows {
    private final KernelTable table;
    private final Map<String, String[]> texts = new HashMap<>();
    private final Map<String, double[]> numbers = new HashMap<>();

    Rows(KernelTable table) {
      this.table = table;
    }

    private String text(String column, int row) {
      if (!table.hasTextColumn(column)) {
        return "";
      }
      return texts.computeIfAbsent(column, table::texts)[row];
    }

    private long number(String column, int row) {
      return (long) numbers.computeIfAbsent(column, table::numbers)[row];
    }

    @Nullable Operator operator(KernelFamily family, int row) {
      String kernel = text("kernel_source", row);
      if (!kernel.isEmpty() && !PREFERRED_KERNELS.contains(kernel)) {
        return null;
      }
      if (family.equals(KernelFamilies.GEMM)) {
        Precision precision = precision(text("gemm_dtype", row));
        return precision == null
            ? null
            : GemmOperator.linear(
                "gemm",
                number("m", row),
                number("n", row),
                number("k", row),
                precision,
                Precision.BF16);
      }
      if (family.equals(KernelFamilies.CONTEXT_ATTENTION)
          || family.equals(KernelFamilies.GENERATION_ATTENTION)) {
        boolean context = family.equals(KernelFamilies.CONTEXT_ATTENTION);
        Precision cache = precision(text("kv_cache_dtype", row));
        int kvHeads = (int) number("num_key_value_heads", row);
        int headDimension = (int) number("head_dim", row);
        return new AttentionOperator(
            "attention",
            AttentionKind.GQA,
            number("batch_size", row),
            context ? number("isl", row) : 1,
            context ? 0 : number("step", row),
            (int) number("num_heads", row),
            kvHeads,
            headDimension,
            headDimension,
            number("window_size", row),
            2.0 * kvHeads * headDimension * cache.bytesPerElement(),
            cache,
            context ? precision(text("attn_dtype", row)) : Precision.BF16);
      }
      if (family.equals(KernelFamilies.CONTEXT_MLA)
          || family.equals(KernelFamilies.GENERATION_MLA)) {
        boolean context = family.equals(KernelFamilies.CONTEXT_MLA);
        Precision cache = precision(text("kv_cache_dtype", row));
        int heads = (int) number("num_heads", row);
        return new AttentionOperator(
            "attention",
            context ? AttentionKind.MLA_UNABSORBED : AttentionKind.MLA_ABSORBED,
            number("batch_size", row),
            context ? number("isl", row) : 1,
            context ? 0 : number("step", row),
            heads,
            context ? heads : 1,
            context ? 192 : 576,
            context ? 128 : 512,
            0,
            576 * cache.bytesPerElement(),
            cache,
            Precision.BF16);
      }
      if (family.equals(KernelFamilies.MOE)) {
        String type = text("moe_dtype", row);
        if (!text("distribution", row).equals("balanced")) {
          return null;
        }
        Precision weights = type.contains("mxfp4") ? Precision.MXFP4 : precision(type);
        if (weights == null) {
          return null;
        }
        int experts = (int) number("num_experts", row);
        int expertParallel = (int) number("moe_ep_size", row);
        int topK = (int) number("topk", row);
        if (expertParallel > experts || topK > experts) {
          return null;
        }
        return new MoeOperator(
            "experts",
            number("num_tokens", row),
            number("hidden_size", row),
            number("inter_size", row),
            topK,
            experts,
            (int) number("moe_tp_size", row),
            expertParallel,
            !kernel.equals("moe_torch_flow_nongated"),
            1.0,
            weights,
            type.equals("w4a8_mxfp4_mxfp8") ? Precision.FP8 : Precision.BF16);
      }
      return null;
    }
  }

  /** {@return the precision of an AIConfigurator dtype name, or null if afd has none} */
  static @Nullable Precision precision(String dataType) {
    return switch (dataType) {
      case "bfloat16" -> Precision.BF16;
      case "float16" -> Precision.FP16;
      case "fp8" -> Precision.FP8;
      case "fp8_block" -> Precision.FP8_BLOCK;
      case "nvfp4" -> Precision.NVFP4;
      default -> null;
    };
  }
}

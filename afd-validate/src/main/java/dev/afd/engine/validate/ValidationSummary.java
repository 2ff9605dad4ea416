package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Errors of one validation run: overall and per partition (model × system × backend × mode), rows
 * used and skipped by reason.
 *
 * @param costModel kernel cost model id
 * @param overall all used rows
 * @param partitions per partition, sorted by key
 * @param rowsSkippedByReason skipped rows per reason, sorted by reason
 */
public record ValidationSummary(
    String costModel,
    Partition overall,
    List<Partition> partitions,
    Map<String, Integer> rowsSkippedByReason) {

  /**
   * Errors of a set of rows.
   *
   * @param key partition key, {@code "overall"} for all rows
   * @param rowsUsed rows with a prediction
   * @param rowsSkipped rows without
   * @param ttft TTFT errors
   * @param tpot TPOT errors
   */
  public record Partition(
      String key, int rowsUsed, int rowsSkipped, ErrorStats ttft, ErrorStats tpot) {
    /** {@return used rows over all rows, 0..1} */
    public double coverage() {
      int rows = rowsUsed + rowsSkipped;
      return rows == 0 ? 0 : rowsUsed / (double) rows;
    }
  }

  /** Validates and copies. */
  public ValidationSummary {
    requireNonNull(costModel, "costModel");
    requireNonNull(overall, "overall");
    partitions = List.copyOf(partitions);
    rowsSkippedByReason = Collections.unmodifiableMap(new TreeMap<>(rowsSkippedByReason));
  }

  /** {@return the summary of results} */
  public static ValidationSummary of(String costModel, List<RowResult> results) {
    Map<String, List<RowResult>> byPartition = new TreeMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (RowResult result : results) {
      byPartition.computeIfAbsent(result.row().partition(), key -> new ArrayList<>()).add(result);
      if (!result.used()) {
        skipped.merge(reasonCategory(result.reason()), 1, Integer::sum);
      }
    }
    List<Partition> partitions = new ArrayList<>();
    for (Map.Entry<String, List<RowResult>> entry : byPartition.entrySet()) {
      partitions.add(partition(entry.getKey(), entry.getValue()));
    }
    return new ValidationSummary(costModel, partition("overall", results), partitions, skipped);
  }

  /** {@return the errors of the results that match} */
  public static Partition partition(String key, List<RowResult> results) {
    List<Double> ttft = new ArrayList<>();
    List<Double> tpot = new ArrayList<>();
    int skipped = 0;
    for (RowResult result : results) {
      if (result.used()) {
        ttft.add(result.ttftSignedError());
        tpot.add(result.tpotSignedError());
      } else {
        skipped++;
      }
    }
    return new Partition(key, ttft.size(), skipped, ErrorStats.of(ttft), ErrorStats.of(tpot));
  }

  /** {@return the errors of the results that match a predicate} */
  public static Partition partition(
      String key, List<RowResult> results, Predicate<SiliconRow> include) {
    return partition(key, results.stream().filter(result -> include.test(result.row())).toList());
  }

  /** {@return rows used} */
  public int rowsUsed() {
    return overall.rowsUsed();
  }

  /** {@return rows skipped} */
  public int rowsSkipped() {
    return overall.rowsSkipped();
  }

  /**
   * {@return a skip reason without its row-specific numbers after the first colon, so that reasons
   * group}
   */
  static String reasonCategory(String reason) {
    int colon = reason.indexOf(": ");
    String head = colon < 0 ? reason : reason.substring(0, colon);
    if (head.startsWith("infeasible")) {
      String detail = colon < 0 ? "" : reason.substring(colon + 2);
      int cut = detail.indexOf(" needs ");
      return "infeasible: "
          + (cut < 0 ? detail.replaceAll("[0-9.]+", "N") : detail.substring(0, cut));
    }
    return reason;
  }

  /** {@return a map for JSON output} */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("costModel", costModel);
    map.put("overall", partitionMap(overall));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Partition partition : partitions) {
      list.add(partitionMap(partition));
    }
    map.put("partitions", list);
    map.put("rowsUsed", rowsUsed());
    map.put("rowsSkipped", rowsSkipped());
    map.put("rowsSkippedByReason", rowsSkippedByReason);
    return map;
  }

  static Map<String, Object> partitionMap(Partition partition) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("key", partition.key());
    map.put("rowsUsed", partition.rowsUsed());
    map.put("rowsSkipped", partition.rowsSkipped());
    map.put("ttftMape", round(partition.ttft().mape()));
    map.put("ttftMedianApe", round(partition.ttft().median()));
    map.put("ttftP90Ape", round(partition.ttft().p90()));
    map.put("ttftBias", round(partition.ttft().bias()));
    map.put("tpotMape", round(partition.tpot().mape()));
    map.put("tpotMedianApe", round(partition.tpot().median()));
    map.put("tpotP90Ape", round(partition.tpot().p90()));
    map.put("tpotBias", round(partition.tpot().bias()));
    return map;
  }

  private static Object round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 100) / 100.0;
  }
}

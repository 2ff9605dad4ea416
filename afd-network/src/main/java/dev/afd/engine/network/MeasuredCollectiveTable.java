package dev.afd.engine.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.Fidelity;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.CommunicationTime;
import dev.afd.engine.internal.parquet.ParquetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measured collective latencies for one system, per collective and group size, over message size;
 * answers the collectives it covers, interpolating log-log between measured sizes.
 *
 * <p>Reads AIConfigurator's {@code comm/nccl/<version>/nccl_perf.parquet} (nccl-tests, one node):
 * columns {@code op_name} ({@code all_reduce}, {@code all_gather}, {@code reduce_scatter}, {@code
 * alltoall}), {@code nccl_dtype}, {@code num_gpus}, {@code message_size} (elements; the collector
 * divides the nccl-tests byte size by the element size) and {@code latency} (milliseconds,
 * out-of-place). The byte size is the full buffer, as in nccl-tests. Repeated measurements of one
 * (collective, group size, bytes), over dtypes and runs, are merged by their geometric mean.
 *
 * <p>Immutable and thread-safe.
 */
public final class MeasuredCollectiveTable {

  /**
   * One merged measurement.
   *
   * @param kind the collective
   * @param groupSize devices in the group
   * @param bytes the buffer per device in bytes
   * @param seconds the measured time in seconds
   */
  public record Sample(CollectiveKind kind, int groupSize, double bytes, double seconds) {

    /**
     * Validates the sample.
     *
     * @param kind kind
     * @param groupSize group size
     * @param bytes bytes
     * @param seconds seconds
     */
    public Sample {
      requireNonNull(kind, "kind");
      if (groupSize < 2 || !(bytes > 0) || !(seconds > 0)) {
        throw new IllegalArgumentException(
            "sample needs groupSize >= 2, bytes > 0 and seconds > 0, got "
                + groupSize
                + ", "
                + bytes
                + ", "
                + seconds);
      }
    }
  }

  private final String source;
  private final List<Sample> samples;
  private final Map<CollectiveKind, Map<Integer, double[][]>> curves;

  /**
   * Creates a table from samples.
   *
   * @param source where the numbers come from
   * @param samples the measurements; repeats of one point are merged by geometric mean
   */
  public MeasuredCollectiveTable(String source, List<Sample> samples) {
    this.source = requireNonNull(source, "source");
    Map<CollectiveKind, Map<Integer, TreeMap<Double, double[]>>> grouped =
        new EnumMap<>(CollectiveKind.class);
    for (Sample sample : samples) {
      grouped
          .computeIfAbsent(sample.kind(), unused -> new TreeMap<>())
          .computeIfAbsent(sample.groupSize(), unused -> new TreeMap<>())
          .merge(
              sample.bytes(),
              new double[] {Math.log(sample.seconds()), 1},
              (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    }
    Map<CollectiveKind, Map<Integer, double[][]>> built = new EnumMap<>(CollectiveKind.class);
    List<Sample> merged = new ArrayList<>();
    for (Map.Entry<CollectiveKind, Map<Integer, TreeMap<Double, double[]>>> kind :
        grouped.entrySet()) {
      Map<Integer, double[][]> byGroup = new TreeMap<>();
      for (Map.Entry<Integer, TreeMap<Double, double[]>> group : kind.getValue().entrySet()) {
        int count = group.getValue().size();
        double[] logBytes = new double[count];
        double[] logSeconds = new double[count];
        int index = 0;
        for (Map.Entry<Double, double[]> point : group.getValue().entrySet()) {
          logBytes[index] = Math.log(point.getKey());
          logSeconds[index] = point.getValue()[0] / point.getValue()[1];
          merged.add(
              new Sample(
                  kind.getKey(), group.getKey(), point.getKey(), Math.exp(logSeconds[index])));
          index++;
        }
        byGroup.put(group.getKey(), new double[][] {logBytes, logSeconds});
      }
      built.put(kind.getKey(), Collections.unmodifiableMap(byGroup));
    }
    this.curves = Collections.unmodifiableMap(built);
    this.samples = List.copyOf(merged);
  }

  /**
   * Reads an AIConfigurator NCCL table.
   *
   * @param parquet the {@code nccl_perf.parquet} file
   * @return the table
   * @throws AfdConfigurationException when a column is missing or an op or dtype is unknown
   */
  public static MeasuredCollectiveTable read(Path parquet) {
    ParquetTable table = ParquetTable.read(parquet);
    for (String column : List.of("op_name", "nccl_dtype", "num_gpus", "message_size", "latency")) {
      if (!table.hasColumn(column)) {
        throw new AfdConfigurationException(
            "NCCL table '"
                + parquet
                + "' has no column '"
                + column
                + "'. Columns: "
                + table.columnNames());
      }
    }
    String[] ops = table.strings("op_name");
    String[] dtypes = table.strings("nccl_dtype");
    long[] groups = table.longs("num_gpus");
    long[] elements = table.longs("message_size");
    double[] milliseconds = table.doubles("latency");
    List<Sample> samples = new ArrayList<>(table.rowCount());
    for (int row = 0; row < table.rowCount(); row++) {
      CollectiveKind kind = kind(String.valueOf(ops[row]), parquet);
      double bytes = elements[row] * (double) elementBytes(String.valueOf(dtypes[row]), parquet);
      samples.add(new Sample(kind, (int) groups[row], bytes, milliseconds[row] * 1e-3));
    }
    return new MeasuredCollectiveTable(parquet.toString(), samples);
  }

  private static CollectiveKind kind(String op, Path file) {
    return switch (op) {
      case "all_reduce" -> CollectiveKind.ALL_REDUCE;
      case "all_gather" -> CollectiveKind.ALL_GATHER;
      case "reduce_scatter" -> CollectiveKind.REDUCE_SCATTER;
      case "alltoall" -> CollectiveKind.ALL_TO_ALL;
      default ->
          throw new AfdConfigurationException(
              "NCCL table '"
                  + file
                  + "' has unknown op_name '"
                  + op
                  + "'. Known: [all_gather, all_reduce, alltoall, reduce_scatter]");
    };
  }

  private static int elementBytes(String dtype, Path file) {
    return switch (dtype) {
      case "int8", "uint8", "fp8", "float8" -> 1;
      case "half", "float16", "bfloat16", "bf16" -> 2;
      case "float", "float32", "int32" -> 4;
      case "double", "float64", "int64" -> 8;
      default ->
          throw new AfdConfigurationException(
              "NCCL table '"
                  + file
                  + "' has unknown nccl_dtype '"
                  + dtype
                  + "'. Known: [bfloat16, double, float, half, int8, ...]");
    };
  }

  /** {@return where the numbers come from} */
  public String source() {
    return source;
  }

  /** {@return the merged samples, by collective, group size and bytes} */
  public List<Sample> samples() {
    return samples;
  }

  /** {@return the group sizes measured for a collective, ascending} */
  public List<Integer> groupSizes(CollectiveKind kind) {
    Map<Integer, double[][]> groups = curves.get(kind);
    return groups == null ? List.of() : List.copyOf(groups.keySet());
  }

  /**
   * Answers a collective if the table covers it: same group size, bytes within the measured range.
   *
   * @param kind the collective
   * @param groupSize devices in the group
   * @param bytes the buffer per device in bytes
   * @return MEASURED at a measured size, INTERPOLATED (log-log) between two; empty outside
   */
  public Optional<CommunicationTime> lookup(CollectiveKind kind, int groupSize, double bytes) {
    Map<Integer, double[][]> groups = curves.get(kind);
    double[][] curve = groups == null ? null : groups.get(groupSize);
    if (curve == null || !(bytes > 0)) {
      return Optional.empty();
    }
    double[] logBytes = curve[0];
    double[] logSeconds = curve[1];
    double x = Math.log(bytes);
    int count = logBytes.length;
    double tolerance = 1e-9;
    if (x < logBytes[0] - tolerance || x > logBytes[count - 1] + tolerance) {
      return Optional.empty();
    }
    int index = Arrays.binarySearch(logBytes, x);
    if (index < 0) {
      int insertion = -index - 1;
      for (int near = Math.max(0, insertion - 1); near <= Math.min(count - 1, insertion); near++) {
        if (Math.abs(logBytes[near] - x) <= tolerance) {
          index = near;
        }
      }
    }
    if (index >= 0) {
      return Optional.of(
          new CommunicationTime(
              Math.exp(logSeconds[index]), CalibratedNetworkModel.ID, Fidelity.MEASURED));
    }
    int upper = -index - 1;
    int lower = upper - 1;
    double weight = (x - logBytes[lower]) / (logBytes[upper] - logBytes[lower]);
    double logTime = logSeconds[lower] + weight * (logSeconds[upper] - logSeconds[lower]);
    return Optional.of(
        new CommunicationTime(Math.exp(logTime), CalibratedNetworkModel.ID, Fidelity.INTERPOLATED));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "MeasuredCollectiveTable[%s, %d samples]", source, samples.size());
  }
}

package dev.afd.engine.network;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.network.DeviceGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures the calibrated network model against AIConfigurator's NCCL tables.
 *
 * <p>Usage: {@code NcclAccuracyCheck <aiconfigurator dir>} (the directory holding {@code systems/},
 * or {@code systems/} itself). For each of h100_sxm, h200_sxm and b200_sxm it fits the protocols
 * per collective ({@link NcclCalibration}) and prints the relative error |model/measured − 1| per
 * collective and message-size bucket:
 *
 * <ul>
 *   <li><b>held out</b>: leave one group size out: fit on two of {2, 4, 8} GPUs, predict the third;
 *   <li><b>in sample</b>: fit and predict on all group sizes;
 *   <li><b>table</b>: the measured table's log-log interpolation, leaving each size out and
 *       interpolating from its neighbours.
 * </ul>
 *
 * <p>Exits with status 1 when, for any system, the median held-out or in-sample error over messages
 * of at least 1 MiB exceeds 15 %, and with status 2 when the data is missing.
 */
public final class NcclAccuracyCheck {

  static final double GATE = 0.15;
  static final double GATE_BYTES = 1 << 20;
  static final List<String> SYSTEMS = List.of("h100_sxm", "h200_sxm", "b200_sxm");
  private static final double[] BUCKETS = {0, 64 * 1024, 1 << 20, 16 << 20, Double.MAX_VALUE};
  private static final String[] BUCKET_NAMES = {"<64KiB", "64KiB-1MiB", "1-16MiB", ">=16MiB"};

  private NcclAccuracyCheck() {}

  /**
   * Runs the check.
   *
   * @param args the aiconfigurator directory
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: NcclAccuracyCheck <aiconfigurator dir>");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    Path systems = Files.isDirectory(root.resolve("systems")) ? root.resolve("systems") : root;
    if (!Files.isDirectory(systems.resolve("data"))) {
      System.err.println("no AIConfigurator systems directory at '" + root + "'");
      System.exit(2);
    }
    boolean pass = run(systems, System.out);
    System.exit(pass ? 0 : 1);
  }

  /** One system's results. */
  record SystemResult(
      String system,
      NetworkCalibration calibration,
      List<double[]> heldOut,
      List<double[]> inSample,
      List<double[]> table) {}

  /**
   * Runs the check on every system and prints the report.
   *
   * @return whether every system passes the gate
   */
  static boolean run(Path systems, PrintStream out) {
    boolean pass = true;
    List<double[]> allHeldOut = new ArrayList<>();
    List<double[]> allInSample = new ArrayList<>();
    for (String name : SYSTEMS) {
      Optional<Path> parquet = ncclTable(systems, name);
      if (parquet.isEmpty()) {
        out.printf(Locale.ROOT, "%s: no NCCL table, skipped%n", name);
        continue;
      }
      SystemSpec system = AiconfiguratorSystems.read(systems.resolve(name + ".yaml"), name);
      MeasuredCollectiveTable table = MeasuredCollectiveTable.read(parquet.get());
      SystemResult result = evaluate(name, system, table);
      print(result, parquet.get(), out);
      double heldOut = median(result.heldOut(), CollectiveKind.values().length);
      double inSample = median(result.inSample(), CollectiveKind.values().length);
      boolean ok = heldOut <= GATE && inSample <= GATE;
      out.printf(
          Locale.ROOT,
          "%s: median error >= 1 MiB: held out %.1f %%, in sample %.1f %% (gate %.0f %%) %s%n%n",
          name,
          100 * heldOut,
          100 * inSample,
          100 * GATE,
          ok ? "PASS" : "FAIL");
      pass &= ok;
      allHeldOut.addAll(result.heldOut());
      allInSample.addAll(result.inSample());
    }
    out.printf(
        Locale.ROOT,
        "all systems: median error >= 1 MiB: held out %.1f %%, in sample %.1f %%: %s%n",
        100 * median(allHeldOut, CollectiveKind.values().length),
        100 * median(allInSample, CollectiveKind.values().length),
        pass ? "PASS" : "FAIL");
    return pass;
  }

  static Optional<Path> ncclTable(Path systems, String name) {
    Path nccl = systems.resolve("data").resolve(name).resolve("comm").resolve("nccl");
    if (!Files.isDirectory(nccl)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(nccl)) {
      return versions
          .map(version -> version.resolve("nccl_perf.parquet"))
          .filter(Files::isRegularFile)
          .sorted()
          .reduce((first, second) -> second);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows are {kind ordinal, group size, bytes, relative error}. */
  static SystemResult evaluate(String name, SystemSpec system, MeasuredCollectiveTable table) {
    AnalyticalNetworkModel model =
        new AnalyticalNetworkModel(
            ClusterSpec.of(system.withDeviceCount(system.devicesPerNode())),
            AnalyticalParameters.IDEAL);
    List<MeasuredCollectiveTable.Sample> samples = table.samples();
    NetworkCalibration all = NcclCalibration.fit(name, samples, model);
    List<double[]> inSample = errors(model, all, samples);
    List<double[]> heldOut = new ArrayList<>();
    int[] groupSizes =
        samples.stream()
            .mapToInt(MeasuredCollectiveTable.Sample::groupSize)
            .distinct()
            .sorted()
            .toArray();
    for (int left : groupSizes) {
      List<MeasuredCollectiveTable.Sample> train = new ArrayList<>();
      List<MeasuredCollectiveTable.Sample> test = new ArrayList<>();
      for (MeasuredCollectiveTable.Sample sample : samples) {
        (sample.groupSize() == left ? test : train).add(sample);
      }
      heldOut.addAll(errors(model, NcclCalibration.fit(name, train, model), test));
    }
    List<double[]> interpolation = new ArrayList<>();
    for (MeasuredCollectiveTable.Sample sample : samples) {
      List<MeasuredCollectiveTable.Sample> rest = new ArrayList<>(samples);
      rest.remove(sample);
      new MeasuredCollectiveTable("leave-one-out", rest)
          .lookup(sample.kind(), sample.groupSize(), sample.bytes())
          .ifPresent(
              time ->
                  interpolation.add(row(sample, Math.abs(time.seconds() / sample.seconds() - 1))));
    }
    return new SystemResult(name, all, heldOut, inSample, interpolation);
  }

  private static List<double[]> errors(
      AnalyticalNetworkModel model,
      NetworkCalibration calibration,
      List<MeasuredCollectiveTable.Sample> samples) {
    CalibratedNetworkModel calibrated = new CalibratedNetworkModel(model, calibration, null);
    List<double[]> rows = new ArrayList<>();
    for (MeasuredCollectiveTable.Sample sample : samples) {
      double predicted =
          calibrated.calibratedSeconds(
              sample.kind(), sample.bytes(), DeviceGroup.first(sample.groupSize()));
      rows.add(row(sample, Math.abs(predicted / sample.seconds() - 1)));
    }
    return rows;
  }

  private static double[] row(MeasuredCollectiveTable.Sample sample, double error) {
    return new double[] {sample.kind().ordinal(), sample.groupSize(), sample.bytes(), error};
  }

  /** {@return the median error of rows >= 1 MiB, for one kind or all ({@code kind == count})} */
  static double median(List<double[]> rows, int kind) {
    return median(rows, kind, GATE_BYTES, Double.MAX_VALUE);
  }

  private static double median(List<double[]> rows, int kind, double from, double to) {
    double[] errors =
        rows.stream()
            .filter(row -> (kind == CollectiveKind.values().length || row[0] == kind))
            .filter(row -> row[2] >= from && row[2] < to)
            .mapToDouble(row -> row[3])
            .sorted()
            .toArray();
    if (errors.length == 0) {
      return Double.NaN;
    }
    int middle = errors.length / 2;
    return errors.length % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2;
  }

  private static void print(SystemResult result, Path parquet, PrintStream out) {
    out.printf(Locale.ROOT, "== %s (%s)%n", result.system(), parquet);
    for (CollectiveKind kind : CollectiveKind.values()) {
      StringBuilder fits = new StringBuilder();
      for (ProtocolFit fit : result.calibration().protocols(kind)) {
        fits.append(
            String.format(
                Locale.ROOT,
                "  %s: alpha %.2f us, efficiency %.3f",
                fit.name(),
                fit.latency().seconds() * 1e6,
                fit.efficiency()));
      }
      out.printf(Locale.ROOT, "fit %-15s%s%n", kind.id(), fits);
    }
    out.printf(
        Locale.ROOT,
        "%-15s %-11s %10s %10s %10s%n",
        "median error",
        "size",
        "held out",
        "in sample",
        "table");
    for (CollectiveKind kind : CollectiveKind.values()) {
      for (int bucket = 0; bucket < BUCKET_NAMES.length; bucket++) {
        out.printf(
            Locale.ROOT,
            "%-15s %-11s %9.1f%% %9.1f%% %9.1f%%%n",
            kind.id(),
            BUCKET_NAMES[bucket],
            100 * median(result.heldOut(), kind.ordinal(), BUCKETS[bucket], BUCKETS[bucket + 1]),
            100 * median(result.inSample(), kind.ordinal(), BUCKETS[bucket], BUCKETS[bucket + 1]),
            100 * median(result.table(), kind.ordinal(), BUCKETS[bucket], BUCKETS[bucket + 1]));
      }
      out.printf(
          Locale.ROOT,
          "%-15s %-11s %9.1f%% %9.1f%% %9.1f%%%n",
          kind.id(),
          ">=1MiB",
          100 * median(result.heldOut(), kind.ordinal()),
          100 * median(result.inSample(), kind.ordinal()),
          100 * median(result.table(), kind.ordinal()));
    }
  }
}

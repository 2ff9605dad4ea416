package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.Statistics;
import dev.afd.engine.cost.TableOperators.Sample;
import dev.afd.engine.internal.kerneldb.KernelFamilies;
import dev.afd.engine.internal.kerneldb.KernelFamily;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.SystemSpecification;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fits the roofline's shape parameters and efficiency scales ({@link RooflineParameters}) to an
 * accelerator's measured kernel tables, and reports the roofline's error per kernel family before
 * and after the fit.
 *
 * <p>Up to {@link #SAMPLES_PER_FAMILY} evenly spaced rows of each family's table (GEMM, context and
 * generation attention, context and generation MLA, MoE with balanced routing) are turned into afd
 * operators and priced by {@link RooflineCostModel}. The fit minimises the sum over families of the
 * mean absolute log error {@code |ln(roofline / measured)|}, so every family counts equally however
 * many rows it has, by coordinate descent in log space over the five parameters. The efficiency
 * scales multiply the accelerator's catalog efficiencies, so the calibrated model also gives
 * realistic times on accelerators without tables (the fitted shape carries over; only peaks
 * differ).
 *
 * <p>Stateless and thread-safe.
 */
public final class RooflineCalibration {
  /** Rows sampled per family and system. */
  public static final int SAMPLES_PER_FAMILY = 2000;

  private static final List<KernelFamily> FAMILIES =
      List.of(
          KernelFamilies.GEMM,
          KernelFamilies.CONTEXT_ATTENTION,
          KernelFamilies.GENERATION_ATTENTION,
          KernelFamilies.CONTEXT_MLA,
          KernelFamilies.GENERATION_MLA,
          KernelFamilies.MOE);

  private static final double[] STEPS = {4, 2, 1.41, 1.19, 1.09, 1.04};
  private static final double MINIMUM_SCALE = 0.05;

  private RooflineCalibration() {}

  /**
   * An accelerator and the kernel tables measured on it.
   *
   * @param system the database system
   * @param accelerator the accelerator whose peaks and catalog efficiencies the roofline uses
   */
  public record Target(KernelSystem system, AcceleratorSpec accelerator) {
    public Target {
      requireNonNull(system, "system");
      requireNonNull(accelerator, "accelerator");
    }
  }

  /**
   * The roofline's error on one family of one system.
   *
   * @param system the system
   * @param family the family
   * @param samples rows compared
   * @param medianPercentBefore median absolute percentage error with the starting parameters
   * @param percentile90PercentBefore 90th percentile with the starting parameters
   * @param medianPercentAfter median with the fitted parameters
   * @param percentile90PercentAfter 90th percentile with the fitted parameters
   */
  public record FamilyError(
      String system,
      String family,
      int samples,
      double medianPercentBefore,
      double percentile90PercentBefore,
      double medianPercentAfter,
      double percentile90PercentAfter) {}

  /**
   * A fit.
   *
   * @param start the parameters the fit started from (the "before")
   * @param parameters the fitted parameters
   * @param errors the error per system and family, before and after
   */
  public record Result(
      RooflineParameters start, RooflineParameters parameters, List<FamilyError> errors) {
    public Result {
      requireNonNull(start, "start");
      requireNonNull(parameters, "parameters");
      errors = List.copyOf(errors);
    }

    /** {@return the roofline with the fitted parameters} */
    public RooflineCostModel calibratedModel() {
      return new RooflineCostModel(parameters);
    }
  }

  /** Fits one accelerator from {@link RooflineParameters#UNCALIBRATED}. */
  public static Result fit(KernelSystem system, AcceleratorSpec accelerator) {
    return fit(List.of(new Target(system, accelerator)), RooflineParameters.UNCALIBRATED);
  }

  /**
   * Fits one parameter set to several accelerators' tables together.
   *
   * @param targets the accelerators and their tables
   * @param start the starting parameters, reported as "before"
   * @throws IllegalArgumentException if the targets hold no usable rows
   */
  public static Result fit(List<Target> targets, RooflineParameters start) {
    return fit(targets, start, FAMILIES);
  }

  /**
   * Fits one parameter set to some families of several accelerators' tables.
   *
   * @param targets the accelerators and their tables
   * @param start the starting parameters, reported as "before"
   * @param families the families fitted and reported
   * @throws IllegalArgumentException if the targets hold no usable rows of these families
   */
  static Result fit(List<Target> targets, RooflineParameters start, List<KernelFamily> families) {
    requireNonNull(start, "start");
    List<Group> groups = groups(targets, families);
    double[] point = toArray(start);
    double best = objective(groups, point);
    for (double step : STEPS) {
      boolean improved = true;
      for (int round = 0; round < 20 && improved; round++) {
        improved = false;
        for (int index = 0; index < point.length; index++) {
          for (double factor : new double[] {step, 1 / step}) {
            double[] candidate = point.clone();
            candidate[index] = clamp(index, point[index] * factor, targets);
            if (candidate[index] == point[index]) {
              continue;
            }
            double value = objective(groups, candidate);
            if (value < best - 1e-12) {
              best = value;
              point = candidate;
              improved = true;
            }
          }
        }
      }
    }
    RooflineParameters fitted = fromArray(point);
    return new Result(
        start,
        fitted,
        compare(groups, new RooflineCostModel(start), new RooflineCostModel(fitted)));
  }

  /** The table families that measure {@link RooflineProfile#attention()}. */
  private static final List<KernelFamily> ATTENTION_FAMILIES =
      List.of(
          KernelFamilies.CONTEXT_ATTENTION,
          KernelFamilies.GENERATION_ATTENTION,
          KernelFamilies.CONTEXT_MLA,
          KernelFamilies.GENERATION_MLA);

  /**
   * A per-class fit.
   *
   * @param start the profile the fit started from (the "before")
   * @param profile the fitted profile
   * @param errors the error per system and family, before and after
   */
  public record ProfileResult(
      RooflineProfile start, RooflineProfile profile, List<FamilyError> errors) {
    public ProfileResult {
      requireNonNull(start, "start");
      requireNonNull(profile, "profile");
      errors = List.copyOf(errors);
    }
  }

  /**
   * Fits each kernel class's parameters to its own families (GEMM to the GEMM table, MoE to the MoE
   * table, attention to the four attention and MLA tables); the class without tables ({@link
   * RooflineProfile#other()}) keeps {@code start}'s.
   *
   * @param targets the accelerators and their tables
   * @param start the starting profile, reported as "before"
   * @throws IllegalArgumentException if the targets hold no usable rows of a class
   */
  public static ProfileResult fitProfile(List<Target> targets, RooflineProfile start) {
    requireNonNull(start, "start");
    RooflineParameters gemm = fit(targets, start.gemm(), List.of(KernelFamilies.GEMM)).parameters();
    RooflineParameters moe = fit(targets, start.moe(), List.of(KernelFamilies.MOE)).parameters();
    RooflineParameters attention = fit(targets, start.attention(), ATTENTION_FAMILIES).parameters();
    RooflineProfile fitted = new RooflineProfile(gemm, moe, attention, start.other());
    return new ProfileResult(start, fitted, compare(targets, start, fitted));
  }

  /**
   * {@return the error of two profiles on every family of the targets' tables: "before" is {@code
   * before}, "after" is {@code after}}
   */
  public static List<FamilyError> compare(
      List<Target> targets, RooflineProfile before, RooflineProfile after) {
    return compare(
        groups(targets, FAMILIES), new RooflineCostModel(before), new RooflineCostModel(after));
  }

  private static List<FamilyError> compare(
      List<Group> groups, RooflineCostModel before, RooflineCostModel after) {
    List<FamilyError> errors = new ArrayList<>();
    for (Group group : groups) {
      double[] beforeErrors = errorsPercent(group, before);
      double[] afterErrors = errorsPercent(group, after);
      errors.add(
          new FamilyError(
              group.target.system().name(),
              group.family.name(),
              group.samples.size(),
              Statistics.nearestRank(beforeErrors, 50),
              Statistics.nearestRank(beforeErrors, 90),
              Statistics.nearestRank(afterErrors, 50),
              Statistics.nearestRank(afterErrors, 90)));
    }
    return errors;
  }

  private static List<Group> groups(List<Target> targets, List<KernelFamily> families) {
    List<Group> groups = new ArrayList<>();
    for (Target target : List.copyOf(targets)) {
      for (KernelFamily family : families) {
        List<Sample> samples = TableOperators.samples(target.system(), family, SAMPLES_PER_FAMILY);
        if (!samples.isEmpty()) {
          groups.add(new Group(target, family, samples));
        }
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(
          "Roofline calibration found no usable kernel table rows of "
              + families.stream().map(KernelFamily::name).toList()
              + " in "
              + targets);
    }
    return groups;
  }

  /**
   * Builds an accelerator from an AIConfigurator system file, with the catalog's NVIDIA defaults
   * (efficiencies 0.8, kernel overhead 3 µs), for systems the catalog does not list.
   *
   * @param id the accelerator id to give it
   * @param specification the system file's GPU figures
   */
  public static AcceleratorSpec acceleratorFromSystemFile(
      String id, SystemSpecification specification) {
    requireNonNull(specification, "specification");
    AcceleratorSpec.Builder builder =
        AcceleratorSpec.builder(id)
            .name(id)
            .vendor("unknown")
            .memoryCapacityPerDevice(DataSize.ofGibibytes(80))
            .memoryBandwidth(new ByteRate(specification.memoryBandwidthBytesPerSecond()))
            .scaleUpBandwidthPerDirection(ByteRate.ZERO)
            .scaleOutBandwidthPerDirection(ByteRate.ZERO)
            .efficiencies(0.8, 0.8)
            .kernelOverhead(TimeSpan.ofSeconds(3e-6))
            .source("AIConfigurator system file");
    specification
        .denseFlopsPerSecond("bfloat16")
        .ifPresent(rate -> builder.denseFlopRate(Precision.BF16, new FlopRate(rate)));
    specification
        .denseFlopsPerSecond("fp8")
        .ifPresent(rate -> builder.denseFlopRate(Precision.FP8, new FlopRate(rate)));
    specification
        .denseFlopsPerSecond("fp4")
        .ifPresent(rate -> builder.denseFlopRate(Precision.NVFP4, new FlopRate(rate)));
    return builder.build();
  }

  /** Prints the fitted parameters and the error table. */
  public static void print(Result result, PrintStream out) {
    out.println("start:  " + result.start());
    out.println("fitted: " + result.parameters());
    printErrors(result.errors(), out);
  }

  /** Prints the fitted parameters per class and the error table. */
  public static void print(ProfileResult result, PrintStream out) {
    RooflineProfile profile = result.profile();
    out.println("gemm       " + profile.gemm());
    out.println("moe        " + profile.moe());
    out.println("attention  " + profile.attention());
    out.println("other      " + profile.other());
    printErrors(result.errors(), out);
  }

  /** Prints errors per system and family, before and after. */
  public static void printErrors(List<FamilyError> errors, PrintStream out) {
    out.println(
        String.format(
            Locale.ROOT,
            "%-10s %-22s %7s %14s %14s %14s %14s",
            "system",
            "family",
            "samples",
            "before med%",
            "before p90%",
            "after med%",
            "after p90%"));
    for (FamilyError error : errors) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %-22s %7d %14.1f %14.1f %14.1f %14.1f",
              error.system(),
              error.family(),
              error.samples(),
              error.medianPercentBefore(),
              error.percentile90PercentBefore(),
              error.medianPercentAfter(),
              error.percentile90PercentAfter()));
    }
  }

  private record Group(Target target, KernelFamily family, List<Sample> samples) {}

  private static double objective(List<Group> groups, double[] point) {
    RooflineCostModel model = new RooflineCostModel(fromArray(point));
    double total = 0;
    for (Group group : groups) {
      double sum = 0;
      for (Sample sample : group.samples) {
        double predicted = model.seconds(sample.operator(), group.target.accelerator());
        sum += Math.abs(Math.log(predicted / sample.measuredSeconds()));
      }
      total += sum / group.samples.size();
    }
    return total;
  }

  private static double[] errorsPercent(Group group, RooflineCostModel model) {
    double[] errors = new double[group.samples.size()];
    for (int index = 0; index < errors.length; index++) {
      Sample sample = group.samples.get(index);
      double predicted = model.seconds(sample.operator(), group.target.accelerator());
      errors[index] =
          Math.abs(predicted - sample.measuredSeconds()) / sample.measuredSeconds() * 100;
    }
    Arrays.sort(errors);
    return errors;
  }

  /** Keeps half-saturation points positive and efficiencies at most 1 on every target. */
  private static double clamp(int index, double value, List<Target> targets) {
    if (index < 3) {
      return value;
    }
    double limit = Double.MAX_VALUE;
    for (Target target : targets) {
      double efficiency =
          index == 3
              ? target.accelerator().computeEfficiency()
              : target.accelerator().memoryEfficiency();
      limit = Math.min(limit, 1 / efficiency);
    }
    return Math.max(MINIMUM_SCALE, Math.min(limit, value));
  }

  private static double[] toArray(RooflineParameters parameters) {
    return new double[] {
      Math.max(parameters.gemmHalfSaturationRows(), 1e-3),
      Math.max(parameters.attentionHalfSaturationPositions(), 1e-3),
      Math.max(parameters.memoryHalfSaturationBytes(), 1e-3),
      parameters.computeEfficiencyScale(),
      parameters.memoryEfficiencyScale()
    };
  }

  private static RooflineParameters fromArray(double[] point) {
    return new RooflineParameters(point[0], point[1], point[2], point[3], point[4]);
  }
}

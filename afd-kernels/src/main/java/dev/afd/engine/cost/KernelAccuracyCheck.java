package dev.afd.engine.cost;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.LeaveOneOutCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel cost model's accuracy check, run by {@code .ci/run}: leave-one-out interpolation error
 * per family on the H200 and B200 tables against AIConfigurator's bars, then the roofline's error
 * per family before and after calibration.
 *
 * <p>Exits with status 1 when a family's leave-one-out error passes its bar (GEMM 4.9 % / 15.6 %,
 * context attention 2.0 % / 9.7 %, generation attention and generation MLA median {@value
 * LeaveOneOutCheck#GENERATION_MEDIAN_BAR_PERCENT} %); 2 on bad arguments. A family whose median
 * roofline error calibration makes worse is reported, not failed: the fit minimises the error
 * summed over families.
 */
public final class KernelAccuracyCheck {
  private KernelAccuracyCheck() {}

  /**
   * Runs the check and prints the report.
   *
   * @param aiconfigurator the AIConfigurator data directory ({@code systems} or its parent)
   * @return whether every family is within its bar
   */
  public static boolean run(Path aiconfigurator, PrintStream out) {
    KernelDatabase database = KernelCostModels.openDatabase(aiconfigurator);
    out.println("== leave-one-out interpolation error");
    List<LeaveOneOutCheck.Result> results = LeaveOneOutCheck.run(database, out);
    boolean pass = results.stream().allMatch(LeaveOneOutCheck.Result::passes);
    out.println("== roofline error before and after calibration (each system fitted alone)");
    List<RooflineCalibration.Target> targets = new ArrayList<>();
    for (String name : LeaveOneOutCheck.SYSTEMS) {
      KernelSystem system = database.system(name);
      AcceleratorSpec accelerator =
          RooflineCalibration.acceleratorFromSystemFile(
              name.replace('_', '-'), system.specification().orElseThrow());
      targets.add(new RooflineCalibration.Target(system, accelerator));
      RooflineCalibration.Result fit =
          RooflineCalibration.fit(
              List.of(targets.get(targets.size() - 1)), RooflineParameters.UNCALIBRATED);
      RooflineCalibration.print(fit, out);
      for (RooflineCalibration.FamilyError error : fit.errors()) {
        if (error.medianPercentAfter() > error.medianPercentBefore()) {
          out.println(
              String.format(
                  Locale.ROOT,
                  "calibration made %s on %s worse: %.1f %% -> %.1f %%",
                  error.family(),
                  error.system(),
                  error.medianPercentBefore(),
                  error.medianPercentAfter()));
        }
      }
    }
    out.println(
        "== joint fit (reported, not the default: RooflineParameters.FITTED_AICONFIGURATOR_H200_B200)");
    RooflineCalibration.print(
        RooflineCalibration.fit(targets, RooflineParameters.UNCALIBRATED), out);
    out.println("== per-class fit on both systems (before: the hand-set default)");
    RooflineCalibration.print(
        RooflineCalibration.fitProfile(targets, RooflineProfile.DEFAULT), out);
    // An accelerator without tables gets parameters fitted elsewhere: fit each class on one system
    // and price the other system's tables with them.
    for (int held = 0; held < targets.size(); held++) {
      RooflineCalibration.Target fitted = targets.get(1 - held);
      RooflineCalibration.Target heldOut = targets.get(held);
      out.println(
          "== per-class fit on "
              + fitted.system().name()
              + ", priced on "
              + heldOut.system().name()
              + " (before: the hand-set default)");
      RooflineProfile profile =
          RooflineCalibration.fitProfile(List.of(fitted), RooflineProfile.DEFAULT).profile();
      RooflineCalibration.printErrors(
          RooflineCalibration.compare(List.of(heldOut), RooflineProfile.DEFAULT, profile), out);
    }
    return pass;
  }

  /**
   * Runs the check.
   *
   * @param args one argument: the AIConfigurator data directory, for example {@code
   *     ../shared/data/aiconfigurator}
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println(
          "Usage: KernelAccuracyCheck <aiconfigurator data directory>, for example"
              + " ../shared/data/aiconfigurator");
      System.exit(2);
    }
    long start = System.nanoTime();
    boolean pass = run(Path.of(args[0]), System.out);
    System.out.println(
        String.format(
            Locale.ROOT,
            "kernel accuracy %s, %.1f s",
            pass ? "within bars" : "WORSE THAN A BAR",
            (System.nanoTime() - start) / 1e9));
    if (!pass) {
      System.exit(1);
    }
  }
}

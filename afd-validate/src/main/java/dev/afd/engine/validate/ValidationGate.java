package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.KernelDatabases;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CI accuracy gate: DeepSeek-V3/R1 rows on H200 and B200 with TensorRT-LLM, agg rows and the
 * disagg rows that state their pools ({@link SiliconRow#poolsStated()}), priced from the measured
 * tables, must reach TPOT MAPE ≤ {@value #MAX_TPOT_MAPE} %, TTFT MAPE ≤ {@value #MAX_TTFT_MAPE} %
 * and coverage ≥ {@value #MIN_COVERAGE}. Other partitions are reported, not gated.
 *
 * <p>Usage: {@code ValidationGate SILICON_CSV [KERNEL_DB_DIR] [--simulate]}: the shipped tables,
 * with the directory stacked on top when given. Exit 0 when the gate passes, 1 when it fails, 2 on
 * bad input. With {@code --simulate} the gated rows are also predicted by the request-level
 * simulation ({@link ValidationSimulation#DEFAULTS}) and both runs are reported side by side; that
 * mode only reports (exit 0 whatever the accuracy, 2 on bad input).
 */
public final class ValidationGate {
  /** Largest TPOT MAPE the gate accepts, in percent. */
  public static final double MAX_TPOT_MAPE = 20;

  /** Largest TTFT MAPE the gate accepts, in percent. */
  public static final double MAX_TTFT_MAPE = 35;

  /** Smallest share of gated rows that must get a prediction. */
  public static final double MIN_COVERAGE = 0.9;

  static final Set<String> MODELS = Set.of("deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-R1");
  static final Set<String> SYSTEMS = Set.of("h200_sxm", "b200_sxm");

  private ValidationGate() {}

  /** {@return whether a row is gated} */
  public static boolean gated(SiliconRow row) {
    return MODELS.contains(row.modelPath())
        && SYSTEMS.contains(row.system())
        && row.backend().equals("trtllm")
        && row.poolsStated();
  }

  /**
   * Runs the gate.
   *
   * @param args silicon CSV and, optionally, a kernel database directory
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@return the exit status} */
  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> arguments = new ArrayList<>(List.of(args));
    boolean simulate = arguments.remove(SIMULATE);
    if (arguments.size() < 1 || arguments.size() > 2) {
      err.println("usage: ValidationGate SILICON_CSV [KERNEL_DB_DIR] [--simulate]");
      return 2;
    }
    try {
      List<SiliconRow> rows =
          SiliconCsv.read(Path.of(arguments.get(0))).stream()
              .filter(ValidationGate::gated)
              .toList();
      AfdEngine engine = AfdEngine.builder().discoverPlugins().build();
      Path kernelDatabase = arguments.size() == 2 ? Path.of(arguments.get(1)) : null;
      KernelDatabases databases =
          KernelCostModels.databases(engine, kernelDatabase)
              .orElseThrow(
                  () ->
                      new AfdConfigurationException(
                          "no measured kernel tables: neither a kernel-data plugin nor a"
                              + " KERNEL_DB_DIR"));
      List<RowResult> results =
          Validation.measured(engine, databases, ValidationAssumptions.DEFAULTS, null, rows);
      ValidationSummary summary = ValidationSummary.of(MeasuredKernelCostModel.ID, results);
      if (simulate) {
        return simulated(engine, databases, rows, summary, out);
      }
      out.print(ValidationReport.text(List.of(summary)));
      ValidationSummary.Partition gate = summary.overall();
      boolean pass =
          gate.coverage() >= MIN_COVERAGE
              && gate.ttft().mape() <= MAX_TTFT_MAPE
              && gate.tpot().mape() <= MAX_TPOT_MAPE;
      out.printf(
          Locale.ROOT,
          "gate (DeepSeek-V3/R1, H200/B200, trtllm, agg + disagg with stated pools): coverage %.1f %% (min %.0f %%), TTFT MAPE"
              + " %.1f %% (max %.0f %%), TPOT MAPE %.1f %% (max %.0f %%): %s%n",
          gate.coverage() * 100,
          MIN_COVERAGE * 100,
          gate.ttft().mape(),
          MAX_TTFT_MAPE,
          gate.tpot().mape(),
          MAX_TPOT_MAPE,
          pass ? "PASS" : "FAIL");
      return pass ? 0 : 1;
    } catch (AfdConfigurationException e) {
      err.println("validation gate: " + e.getMessage());
      return 2;
    }
  }

  /** The argument that adds the simulated run (report only). */
  static final String SIMULATE = "--simulate";

  /**
   * Reports the gated rows' closed-form and simulated errors side by side.
   *
   * @return 0: the simulated comparison is report-only
   */
  private static int simulated(
      AfdEngine engine,
      KernelDatabases databases,
      List<SiliconRow> rows,
      ValidationSummary closedForm,
      PrintStream out) {
    List<RowResult> results =
        Validation.measured(
            engine, databases, ValidationAssumptions.DEFAULTS, ValidationSimulation.DEFAULTS, rows);
    ValidationSummary simulated =
        ValidationSummary.of(MeasuredKernelCostModel.ID + Validator.SIMULATED, results);
    out.print(ValidationReport.text(List.of(closedForm, simulated)));
    out.printf(
        Locale.ROOT,
        "simulated vs closed form (gated rows, report only; seed %d, at most %d requests per"
            + " row): closed form %d rows, TTFT MAPE %.1f %%, TPOT MAPE %.1f %%; simulated %d rows,"
            + " TTFT MAPE %.1f %%, TPOT MAPE %.1f %%%n",
        ValidationSimulation.DEFAULT_SEED,
        ValidationSimulation.DEFAULT_MAX_REQUESTS,
        closedForm.rowsUsed(),
        closedForm.overall().ttft().mape(),
        closedForm.overall().tpot().mape(),
        simulated.rowsUsed(),
        simulated.overall().ttft().mape(),
        simulated.overall().tpot().mape());
    return 0;
  }
}

package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.engine.report.OutputDirectory;
import dev.afd.engine.validate.Validation;
import dev.afd.engine.validate.ValidationAssumptions;
import dev.afd.engine.validate.ValidationOutput;
import dev.afd.engine.validate.ValidationReport;
import dev.afd.engine.validate.ValidationSimulation;
import dev.afd.engine.validate.ValidationSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd validate}: predictions against measured end-to-end TTFT and TPOT. */
@Command(
    name = "validate",
    description =
        "Compare afd's TTFT and TPOT predictions with measured serving runs (an"
            + " AIConfigurator-format silicon CSV): MAPE, median, p90 and bias per partition. Each"
            + " row is served in its backend's recipe and priced from its backend's measured"
            + " tables (then with the roofline alone, for comparison). --simulate adds a run that"
            + " simulates each row's closed loop request by request.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Option(
      names = "--silicon",
      required = true,
      paramLabel = "FILE",
      description = "Silicon CSV (AIConfigurator silicon_sample.csv format).")
  Path silicon;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write validation.csv, validation.json and validation.html here.")
  Path out;

  @Option(names = "--json", description = "Print the JSON summary.")
  boolean json;

  @Option(
      names = "--simulate",
      description =
          "Also predict each row with the request-level simulation: a closed loop of the row's"
              + " concurrency clients, requests-per-client fixed-length requests each, seed 1, the"
              + " simulated mean TTFT and TPOT (cost model 'measured+simulated').")
  boolean simulate;

  @Option(
      names = "--simulate-max-requests",
      paramLabel = "N",
      description =
          "With --simulate: the most requests one row simulates (default 200000); a row with more"
              + " clients × requests-per-client simulates fewer whole rounds and says so.")
  long simulateMaxRequests = ValidationSimulation.DEFAULT_MAX_REQUESTS;

  @Option(
      names = "--assume",
      paramLabel = "KEY=VALUE",
      description =
          "State what the rows do not, for every row (repeatable): mtp (draft tokens of DeepSeek"
              + " MTP, 0 to 5 or 'recipe' for the row backend's depth, default 1), mtp-acceptance"
              + " (comma-separated acceptance per draft, default the TensorRT-LLM DeepSeek-R1"
              + " figures),"
              + " tokens-per-iteration (default 8192), requests-per-client (default 10),"
              + " max-inferred-decode-batch (disagg rows without worker counts: most sequences"
              + " per attention rank, default none).")
  List<String> assume = new ArrayList<>();

  @Override
  public Integer call() {
    ValidationAssumptions assumed = ValidationAssumptions.parse(assume);
    if (root.roofline && root.kernelDatabase != null) {
      throw new AfdConfigurationException(
          "Options --roofline and --kernel-db contradict each other; give one of them");
    }
    if (simulateMaxRequests < 1) {
      throw new AfdConfigurationException(
          "Option --simulate-max-requests '"
              + simulateMaxRequests
              + "' must be at least 1 (requests per row)");
    }
    @Nullable ValidationSimulation simulation =
        simulate
            ? new ValidationSimulation(ValidationSimulation.DEFAULT_SEED, simulateMaxRequests)
            : null;
    // Opened before the run, so an unwritable --out fails at once and nothing partial is left.
    OutputDirectory directory = out == null ? null : OutputDirectory.open(out);
    List<ValidationOutput.Run> runs;
    try (directory) {
      runs =
          Validation.run(
              root.engine(), silicon, root.kernelDatabase, !root.roofline, assumed, simulation);
      if (directory != null) {
        ValidationOutput.write(directory, runs, silicon.getFileName().toString());
        directory.commit();
      }
    }
    PrintWriter writer = spec.commandLine().getOut();
    if (json) {
      writer.print(ValidationOutput.json(runs));
    } else {
      List<ValidationSummary> summaries = new ArrayList<>();
      for (ValidationOutput.Run run : runs) {
        summaries.add(run.summary());
      }
      writer.print(ValidationReport.text(summaries));
    }
    return 0;
  }
}

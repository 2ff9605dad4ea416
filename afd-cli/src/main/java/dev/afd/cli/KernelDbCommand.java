package dev.afd.cli;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.cost.KernelDatabaseInspection;
import dev.afd.engine.cost.KernelDatabaseInspection.CoverageRow;
import dev.afd.engine.cost.KernelDatabaseInspection.TableRow;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.TextTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd kernel-db}: commands on measured kernel databases. */
@Command(
    name = "kernel-db",
    description = "Inspect measured kernel databases (AIConfigurator format).",
    subcommands = {KernelDbCommand.InspectCommand.class})
final class KernelDbCommand {
  /** Catalog models whose coverage {@code inspect} reports, when the catalog has them. */
  static final List<String> COVERAGE_MODELS =
      List.of("deepseek-v3", "kimi-k2", "qwen3-235b-a22b", "gpt-oss-120b", "mixtral-8x7b");

  @ParentCommand AfdCommand root;

  /** {@code afd kernel-db inspect DIR}: tables, row counts, grids and coverage per model. */
  @Command(
      name = "inspect",
      description =
          "List the tables of a kernel database (rows, key ranges) and how much of a decode and a"
              + " prefill step of catalog models the tables cover.")
  static final class InspectCommand implements Callable<Integer> {
    @ParentCommand KernelDbCommand parent;

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "DIR",
        description = "AIConfigurator's 'systems' directory or the directory that contains it.")
    Path directory;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      KernelDatabaseInspection inspection =
          KernelDatabaseInspection.inspect(
              directory, parent.root.engine().kernelSystemsByAccelerator());
      List<MoeModelSpec> models = new ArrayList<>();
      for (String id : COVERAGE_MODELS) {
        parent.root.engine().findModel(id).ifPresent(models::add);
      }
      List<CoverageRow> coverage = inspection.coverage(models, parent.root.engine().accelerators());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("directory", directory.toString());
        document.put("systemsByAccelerator", inspection.model().systemsByAccelerator());
        document.put("tables", inspection.tables());
        document.put("coverage", coverage);
        out.print(Json.write(document));
        return 0;
      }
      TextTable tables = new TextTable("SYSTEM", "FAMILY", "TABLE", "VERSION", "ROWS", "KEYS");
      for (TableRow row : inspection.tables()) {
        tables.row(
            row.system(),
            row.family(),
            row.table(),
            row.backend() + " " + row.version(),
            Integer.toString(row.rows()),
            String.join("; ", row.columns()));
      }
      out.print(tables.render());
      out.println();
      TextTable coverageTable =
          new TextTable(
              "SYSTEM",
              "ACCELERATOR",
              "MODEL",
              "STEP",
              "OPERATORS",
              "MEASURED",
              "INTERPOLATED",
              "EXTRAPOLATED",
              "ROOFLINE");
      for (CoverageRow row : coverage) {
        coverageTable.row(
            row.system(),
            row.accelerator(),
            row.model(),
            row.step(),
            Integer.toString(row.operators()),
            Integer.toString(row.measured()),
            Integer.toString(row.interpolated()),
            Integer.toString(row.extrapolated()),
            Integer.toString(row.roofline()));
      }
      out.print(coverageTable.render());
      return 0;
    }
  }
}

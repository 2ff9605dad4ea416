package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.Fidelity;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.MemoryOperator;
import dev.afd.api.operator.Operator;
import dev.afd.engine.internal.kerneldb.KernelDatabase;
import dev.afd.engine.internal.kerneldb.KernelSystem;
import dev.afd.engine.internal.kerneldb.KernelTable;
import dev.afd.engine.internal.kerneldb.KernelTableId;
import dev.afd.engine.internal.kerneldb.LatencyGrid;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a kernel database holds, for {@code afd kernel-db inspect}: every table with its row count
 * and key columns (numeric ranges, text values), and how much of a model's step the measured cost
 * model prices from tables.
 *
 * <p>Reads every table of the database; immutable once built.
 */
public final class KernelDatabaseInspection {
  /** Text columns listed with at most this many values; longer lists are cut with a count. */
  private static final int MAXIMUM_LISTED_VALUES = 6;

  /** Columns every AIConfigurator table repeats, left out of the listing. */
  private static final List<String> BOOKKEEPING_COLUMNS =
      List.of("framework", "version", "device", "power");

  private final MeasuredKernelCostModel model;
  private final List<TableRow> tables;

  private KernelDatabaseInspection(MeasuredKernelCostModel model, List<TableRow> tables) {
    this.model = model;
    this.tables = List.copyOf(tables);
  }

  /**
   * One table.
   *
   * @param system the system, for example {@code h200_sxm}
   * @param family the family directory, for example {@code gemm}
   * @param backend the backend, for example {@code trtllm}
   * @param version the backend version
   * @param table the table name
   * @param rows measured rows
   * @param columns key columns: {@code name min..max (distinct)} for numbers, {@code name [values]}
   *     for text
   */
  public record TableRow(
      String system,
      String family,
      String backend,
      String version,
      String table,
      int rows,
      List<String> columns) {
    public TableRow {
      columns = List.copyOf(columns);
    }
  }

  /**
   * How one model's step is priced on one system.
   *
   * @param system the system
   * @param accelerator the accelerator id mapped to it
   * @param model the model id
   * @param step {@code "decode"} or {@code "prefill"}
   * @param operators distinct kernel operators (collectives and memory-bound operators excluded)
   * @param measured operators read from a measured row
   * @param interpolated operators interpolated between rows
   * @param extrapolated operators extrapolated beyond the grid
   * @param roofline operators with no table, priced by the roofline
   */
  public record CoverageRow(
      String system,
      String accelerator,
      String model,
      String step,
      int operators,
      int measured,
      int interpolated,
      int extrapolated,
      int roofline) {}

  /**
   * Opens and reads a kernel database.
   *
   * @param kernelDatabase the database directory
   * @param systemsByAccelerator accelerator id to database system name, as the engine's kernel
   *     database providers map them ({@code AfdEngine#kernelSystemsByAccelerator()})
   * @throws dev.afd.api.AfdConfigurationException if the directory holds no system
   */
  public static KernelDatabaseInspection inspect(
      Path kernelDatabase, Map<String, String> systemsByAccelerator) {
    MeasuredKernelCostModel model =
        KernelCostModels.forDirectory(kernelDatabase, systemsByAccelerator);
    KernelDatabase database = model.database();
    List<TableRow> rows = new ArrayList<>();
    for (String systemName : database.systemNames()) {
      KernelSystem system = database.system(systemName);
      for (KernelTableId id : system.tableIds()) {
        KernelTable table;
        try {
          table = system.table(id);
        } catch (IllegalArgumentException | UncheckedIOException exception) {
          // A corrupt table is bad input, as it is when explore prices from it.
          throw new AfdConfigurationException(
              "kernel table '" + id.file() + "' cannot be used: " + exception.getMessage(),
              exception);
        }
        rows.add(
            new TableRow(
                id.system(),
                id.family(),
                id.backend(),
                id.version(),
                id.name(),
                table.rowCount(),
                describeColumns(table)));
      }
    }
    return new KernelDatabaseInspection(model, rows);
  }

  /** {@return every table, by system and name} */
  public List<TableRow> tables() {
    return tables;
  }

  /** {@return the measured cost model over this database} */
  public MeasuredKernelCostModel model() {
    return model;
  }

  /**
   * Prices a decode step (64 sequences at 4,096 tokens of context) and a prefill step (one
   * 4,096-token prompt) of each model on each system that has an accelerator, with attention data
   * parallel and expert parallel over 8 GPUs and balanced routing, and counts operator fidelities.
   *
   * @param models the models
   * @param accelerators accelerators to look up by id (those the mapping names)
   */
  public List<CoverageRow> coverage(List<MoeModelSpec> models, List<AcceleratorSpec> accelerators) {
    requireNonNull(models, "models");
    requireNonNull(accelerators, "accelerators");
    List<CoverageRow> rows = new ArrayList<>();
    Sharding sharding = new Sharding(1, 8, 1, 8, 1.0);
    for (Map.Entry<String, String> entry : model.systemsByAccelerator().entrySet()) {
      AcceleratorSpec accelerator =
          accelerators.stream().filter(a -> a.id().equals(entry.getKey())).findFirst().orElse(null);
      if (accelerator == null || model.systemFor(entry.getKey()).isEmpty()) {
        continue;
      }
      for (MoeModelSpec spec : models) {
        rows.add(
            coverageRow(
                entry.getValue(),
                accelerator,
                spec,
                "decode",
                StepShape.decode(64, 4096),
                sharding));
        rows.add(
            coverageRow(
                entry.getValue(),
                accelerator,
                spec,
                "prefill",
                StepShape.prefill(1, 0, 4096),
                sharding));
      }
    }
    return rows;
  }

  private CoverageRow coverageRow(
      String system,
      AcceleratorSpec accelerator,
      MoeModelSpec spec,
      String step,
      StepShape shape,
      Sharding sharding) {
    List<Operator> operators = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    for (LayerGroup group : spec.layers()) {
      blocks.addAll(group.blocks());
    }
    blocks.addAll(spec.edges());
    for (Block block : blocks) {
      block.emit(
          shape,
          sharding,
          (group, operator) -> {
            if (!(operator instanceof CollectiveOperator)
                && !(operator instanceof MemoryOperator)
                && !operators.contains(operator)) {
              operators.add(operator);
            }
          });
    }
    Map<Fidelity, Integer> counts = new EnumMap<>(Fidelity.class);
    for (Fidelity fidelity : Fidelity.values()) {
      counts.put(fidelity, 0);
    }
    for (Operator operator : operators) {
      OperatorTime time = model.time(operator, accelerator);
      counts.merge(time.fidelity(), 1, Integer::sum);
    }
    return new CoverageRow(
        system,
        accelerator.id(),
        spec.id(),
        step,
        operators.size(),
        counts.get(Fidelity.MEASURED),
        counts.get(Fidelity.INTERPOLATED),
        counts.get(Fidelity.EXTRAPOLATED),
        counts.get(Fidelity.ROOFLINE));
  }

  private static List<String> describeColumns(KernelTable table) {
    List<String> columns = new ArrayList<>();
    for (String column : table.columnNames()) {
      if (BOOKKEEPING_COLUMNS.contains(column)) {
        continue;
      }
      if (table.hasNumberColumn(column)) {
        TreeSet<Double> values = new TreeSet<>();
        for (double value : table.numbers(column)) {
          values.add(value);
        }
        columns.add(
            String.format(
                Locale.ROOT,
                "%s %s..%s (%d)",
                column,
                LatencyGrid.formatCategory(values.first()),
                LatencyGrid.formatCategory(values.last()),
                values.size()));
      } else if (table.hasTextColumn(column)) {
        List<String> values = table.distinctTexts(column);
        String listed =
            values.size() <= MAXIMUM_LISTED_VALUES
                ? values.toString()
                : values.subList(0, MAXIMUM_LISTED_VALUES).toString().replace("]", ", ...]")
                    + " ("
                    + values.size()
                    + ")";
        columns.add(column + " " + listed);
      }
    }
    return columns;
  }
}

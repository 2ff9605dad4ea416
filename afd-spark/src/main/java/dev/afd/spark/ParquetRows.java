package dev.afd.spark;

import dev.afd.api.Fidelity;
import dev.afd.api.strategy.ServingResult;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.report.Csv;
import dev.afd.engine.report.ResultFields;
import dev.afd.engine.report.ResultsCsvWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * The Parquet form of {@code results.csv}: the same columns under the same names ({@link
 * ResultsCsvWriter#HEADER}), typed (numbers as {@code double}, {@code int} or {@code long}, {@code
 * feasible} as {@code boolean}, maps as the CSV's {@code key=value;key=value} text), after three
 * columns that place each row in the study, since Parquet part files carry no global order: {@code
 * scenarioIndex} (study order), {@code strategyIndex} (the study's strategy order) and {@code
 * candidateIndex} (the position in the strategy's enumeration; null in frontier-only output, whose
 * merge does not keep positions). Sorting by the three gives {@code results.csv}'s order.
 */
final class ParquetRows {
  private ParquetRows() {}

  /** {@return the type of a column of {@link ResultsCsvWriter#HEADER}} */
  private static DataType type(String column) {
    return switch (column) {
      case "gpuBudget", "gpus" -> DataTypes.IntegerType;
      case "feasible" -> DataTypes.BooleanType;
      case "concurrency" -> DataTypes.DoubleType;
      // Per-stage times are key=value pairs, as in results.csv.
      case "stageSeconds" -> DataTypes.StringType;
      default ->
          column.endsWith("Seconds") || column.endsWith("Share") || column.startsWith("tokensPer")
              ? DataTypes.DoubleType
              : DataTypes.StringType;
    };
  }

  /** The columns that place a row in the study, before {@link ResultsCsvWriter#HEADER}'s. */
  static final List<String> PLACE_COLUMNS =
      List.of("scenarioIndex", "strategyIndex", "candidateIndex");

  /** The schema. */
  static final StructType SCHEMA = schema();

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("scenarioIndex", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("strategyIndex", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("candidateIndex", DataTypes.LongType, true));
    for (String column : ResultsCsvWriter.HEADER) {
      fields.add(DataTypes.createStructField(column, type(column), false));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * {@return one row}
   *
   * @param scenarioIndex the scenario's position in study order
   * @param scenario the scenario
   * @param strategyIndex the strategy's position in the study
   * @param candidateIndex the candidate's position in the enumeration, or null when unknown
   * @param result the result
   */
  static Row of(
      int scenarioIndex,
      Scenario scenario,
      int strategyIndex,
      @Nullable Long candidateIndex,
      ServingResult result) {
    List<Object> values = new ArrayList<>(SCHEMA.size());
    values.add(scenarioIndex);
    values.add(strategyIndex);
    values.add(candidateIndex);
    values.add(scenario.model().id());
    values.add(scenario.cluster().id());
    values.add(scenario.deviceBudget());
    values.add(scenario.workload().id());
    values.add(result.strategy());
    values.add(result.feasible());
    values.add(result.reason());
    values.add(result.timeToFirstToken().seconds());
    values.add(result.timePerOutputToken().seconds());
    values.add(result.requestLatency().seconds());
    values.add(result.tokensPerSecond());
    values.add(result.tokensPerSecondPerDevice());
    values.add(result.tokensPerSecondPerUser());
    values.add(result.concurrency());
    values.add(result.devices());
    values.add(Csv.pairs(result.devicesByRole()));
    values.add(Csv.pairs(result.knobs()));
    values.add(result.kvTransfer().seconds());
    values.add(Csv.pairs(ResultFields.stageSeconds(result)));
    values.add(Csv.pairs(ResultFields.memoryBytesPerGpu(result)));
    for (Fidelity fidelity : Fidelity.values()) {
      Double share = result.fidelityMix().get(fidelity);
      values.add(share == null ? 0.0 : share);
    }
    values.add(result.costModel());
    values.add(result.networkModel());
    return RowFactory.create(values.toArray());
  }
}

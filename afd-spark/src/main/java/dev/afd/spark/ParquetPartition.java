package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.explore.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The executor's side when Spark's Parquet writer stores the rows: evaluates the partition's units
 * one at a time as the writer pulls rows, so only one unit's rows are in memory, and hands each
 * unit's outcome record (without rows) to the driver through an accumulator.
 */
final class ParquetPartition implements FlatMapFunction<Iterator<List<TaskUnit>>, Row> {
  private static final long serialVersionUID = 1L;

  private final StudyJob job;
  private final boolean feasibleOnly;
  private final CollectionAccumulator<UnitRecord> units;

  ParquetPartition(StudyJob job, boolean feasibleOnly, CollectionAccumulator<UnitRecord> units) {
    this.job = requireNonNull(job, "job");
    this.feasibleOnly = feasibleOnly;
    this.units = requireNonNull(units, "units");
  }

  @Override
  public Iterator<Row> call(Iterator<List<TaskUnit>> bins) {
    List<TaskUnit> all = new ArrayList<>();
    bins.forEachRemaining(all::addAll);
    if (all.isEmpty()) {
      return Collections.emptyIterator();
    }
    return new Rows(all.iterator());
  }

  /** Evaluates the next unit whenever the rows of the previous one are used up. */
  private final class Rows implements Iterator<Row> {
    private final Iterator<TaskUnit> pending;
    private Iterator<Row> current = Collections.emptyIterator();

    Rows(Iterator<TaskUnit> pending) {
      this.pending = pending;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && pending.hasNext()) {
        TaskUnit unit = pending.next();
        StudySession session = StudySession.borrow(job);
        try {
          Scenario scenario = session.scenarios().get(unit.scenarioIndex());
          List<Row> rows = new ArrayList<>();
          UnitRecord record =
              session.evaluate(
                  unit,
                  false,
                  job.refineBest(),
                  (strategy, candidate, result) -> {
                    if (!feasibleOnly || result.feasible()) {
                      rows.add(
                          ParquetRows.of(
                              unit.scenarioIndex(), scenario, strategy, candidate, result));
                    }
                  });
          units.add(record);
          current = rows.iterator();
        } finally {
          StudySession.release(job, session);
        }
      }
      return current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}

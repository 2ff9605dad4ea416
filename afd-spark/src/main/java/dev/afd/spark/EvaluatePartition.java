package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor's side when results travel to the driver: evaluates the partition's units with one
 * pooled {@link StudySession} and returns their records. Serialisable (it carries only the {@link
 * StudyJob}).
 */
final class EvaluatePartition implements FlatMapFunction<Iterator<List<TaskUnit>>, UnitRecord> {
  private static final long serialVersionUID = 1L;

  private final StudyJob job;

  EvaluatePartition(StudyJob job) {
    this.job = requireNonNull(job, "job");
  }

  @Override
  public Iterator<UnitRecord> call(Iterator<List<TaskUnit>> bins) {
    List<UnitRecord> records = new ArrayList<>();
    if (!bins.hasNext()) {
      return records.iterator();
    }
    StudySession session = StudySession.borrow(job);
    try {
      while (bins.hasNext()) {
        for (TaskUnit unit : bins.next()) {
          records.add(
              session.evaluate(
                  unit, job.keepResults(), job.refineBest(), (strategy, candidate, r) -> {}));
        }
      }
    } finally {
      StudySession.release(job, session);
    }
    return records.iterator();
  }
}

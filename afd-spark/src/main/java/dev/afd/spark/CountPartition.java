package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The planning stage on executors: counts each strategy's candidates in the partition's scenarios
 * (enumeration only, no evaluation), so the driver can cut large scenarios into candidate ranges.
 */
final class CountPartition implements FlatMapFunction<Iterator<Integer>, CountPartition.Counts> {
  private static final long serialVersionUID = 1L;

  /**
   * One scenario's candidate counts.
   *
   * @param scenarioIndex the scenario's position in study order
   * @param perStrategy candidates per strategy, in study order
   */
  record Counts(int scenarioIndex, List<Long> perStrategy) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies. */
    Counts {
      perStrategy = List.copyOf(perStrategy);
    }

    long total() {
      return perStrategy.stream().mapToLong(Long::longValue).sum();
    }
  }

  private final StudyJob job;

  CountPartition(StudyJob job) {
    this.job = requireNonNull(job, "job");
  }

  @Override
  public Iterator<Counts> call(Iterator<Integer> scenarioIndices) {
    if (!scenarioIndices.hasNext()) {
      return List.<Counts>of().iterator();
    }
    StudySession session = StudySession.borrow(job);
    List<Counts> counts = new ArrayList<>();
    try {
      while (scenarioIndices.hasNext()) {
        int index = scenarioIndices.next();
        counts.add(new Counts(index, session.counts(index)));
      }
    } finally {
      StudySession.release(job, session);
    }
    return counts.iterator();
  }
}

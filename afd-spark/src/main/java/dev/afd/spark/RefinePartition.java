package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.simulate.Refinement;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The refinement stage on executors: for each (scenario, strategy) of the partition, simulates the
 * merged best candidates exactly as {@code afd explore --refine} does ({@link Refinement#refine},
 * seed 1) and returns the ranked rows.
 */
final class RefinePartition
    implements FlatMapFunction<Iterator<List<RefinePartition.Work>>, RefinePartition.Done> {
  private static final long serialVersionUID = 1L;

  /**
   * One strategy's best candidates in one scenario, to simulate.
   *
   * @param scenarioIndex the scenario's position in study order
   * @param strategyIndex the strategy's position in the study
   * @param best the merged best results meeting the SLO, best first
   */
  record Work(int scenarioIndex, int strategyIndex, List<ResultRecord> best)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies. */
    Work {
      best = List.copyOf(best);
    }
  }

  /**
   * The ranked rows of one {@link Work}.
   *
   * @param scenarioIndex the scenario's position in study order
   * @param strategyIndex the strategy's position in the study
   * @param ranked the rows, best first
   */
  record Done(int scenarioIndex, int strategyIndex, List<RankedRecord> ranked)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies. */
    Done {
      ranked = List.copyOf(ranked);
    }
  }

  private final StudyJob job;

  RefinePartition(StudyJob job) {
    this.job = requireNonNull(job, "job");
    requireNonNull(job.refine(), "refine");
  }

  @Override
  public Iterator<Done> call(Iterator<List<Work>> bins) {
    List<Done> done = new ArrayList<>();
    StudyJob.Refine refine = requireNonNull(job.refine(), "refine");
    if (!bins.hasNext()) {
      return done.iterator();
    }
    StudySession session = StudySession.borrow(job);
    try {
      while (bins.hasNext()) {
        for (Work work : bins.next()) {
          Scenario scenario = session.scenarios().get(work.scenarioIndex());
          StrategyRun run = session.study().strategies().get(work.strategyIndex());
          List<Refinement.Refined> refined =
              Refinement.refine(
                  session.engine(),
                  session.explorer(),
                  scenario,
                  run,
                  work.best().stream().map(ResultRecord::toResult).toList(),
                  refine.percentile(),
                  refine.requests(),
                  1,
                  session.kernelCostModel(),
                  session.networkModels().apply(scenario.cluster()));
          done.add(
              new Done(
                  work.scenarioIndex(),
                  work.strategyIndex(),
                  refined.stream().map(row -> RankedRecord.of(row.ranked())).toList()));
        }
      }
    } finally {
      StudySession.release(job, session);
    }
    return done.iterator();
  }
}

package dev.afd.api.strategy;

import java.util.function.Consumer;

/**
 * A way of serving a model on a cluster (aggregated, prefill/decode, attention-FFN disaggregated,
 * or a plugin's own), bound to one model, cluster, workload and option set by {@link
 * dev.afd.spi.StrategyProvider#create}.
 *
 * <p>Immutable and thread-safe: the explorer calls {@link #evaluate} from many threads.
 *
 * @since 0.1
 */
public interface ServingStrategy {

  /**
   * Enumerates every candidate within the option ranges and device budget, in a deterministic
   * order: the same candidates in the same order on every call, which lets the explorer evaluate
   * one slice of the enumeration in one task and the next slice elsewhere. The explorer ends an
   * enumeration early by throwing from {@code sink}; let what the sink throws propagate.
   *
   * @param sink receives the candidates
   */
  void enumerate(Consumer<Candidate> sink);

  /**
   * Evaluates one candidate this strategy enumerated.
   *
   * @param candidate the candidate
   * @return the result, feasible or with the reason it is not
   */
  ServingResult evaluate(Candidate candidate);

  /**
   * Describes the steps a candidate runs, for per-operator breakdowns ({@code afd estimate}).
   *
   * @param candidate a candidate this strategy enumerated
   * @return the steps, empty when the strategy does not describe them
   */
  default java.util.List<StepDescription> describe(Candidate candidate) {
    return java.util.List.of();
  }
}

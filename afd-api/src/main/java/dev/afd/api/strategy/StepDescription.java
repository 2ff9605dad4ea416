package dev.afd.api.strategy;

import static java.util.Objects.requireNonNull;

import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;

/**
 * One step a candidate runs, described so that the engine can break it down per operator: which
 * blocks (mixer side or feed-forward side), at which shape and sharding, on which system.
 *
 * @param name the step's name, for example {@code "decode"}, {@code "prefill"} or {@code
 *     "micro-batch"}
 * @param feedForward whether the step covers the feed-forward blocks (else mixers and edges)
 * @param shape the shape the blocks are emitted at
 * @param sharding the sharding
 * @param systemIndex index of the system in the cluster the step runs on
 * @param repeats how many times the step runs per output token of one sequence's decode step
 *     (micro-batches per step, for example); informational
 * @since 0.1
 */
public record StepDescription(
    String name,
    boolean feedForward,
    StepShape shape,
    Sharding sharding,
    int systemIndex,
    int repeats) {

  /**
   * Validates the description.
   *
   * @param name name
   * @param feedForward side
   * @param shape shape
   * @param sharding sharding
   * @param systemIndex system
   * @param repeats repeats
   */
  public StepDescription {
    requireNonNull(name, "name");
    requireNonNull(shape, "shape");
    requireNonNull(sharding, "sharding");
    if (systemIndex < 0 || repeats < 1) {
      throw new IllegalArgumentException("step needs systemIndex >= 0 and repeats >= 1");
    }
  }
}

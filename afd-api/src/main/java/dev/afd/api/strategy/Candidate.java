package dev.afd.api.strategy;

import java.util.Map;

/**
 * One fully specified configuration a strategy enumerated; the strategy that made it evaluates it.
 *
 * <p>Implemented by strategies (usually as records). Immutable.
 *
 * @since 0.1
 */
public interface Candidate {

  /** {@return the devices this configuration occupies, all roles counted} */
  int devices();

  /**
   * {@return the knob values, in a stable order, as strings (for example {@code tp=8}, {@code
   * micro-batches=2})}
   */
  Map<String, String> knobs();
}

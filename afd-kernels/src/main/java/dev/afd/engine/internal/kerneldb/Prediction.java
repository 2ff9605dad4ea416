package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

/**
 * A latency predicted by a {@link LatencyGrid}.
 *
 * @param latencySeconds the predicted latency in seconds
 * @param method how the value was obtained, the least reliable step that was needed
 */
public record Prediction(double latencySeconds, Method method) {
  public Prediction {
    requireNonNull(method, "method");
    if (!(latencySeconds > 0) || Double.isInfinite(latencySeconds)) {
      throw new IllegalArgumentException(
          "latencySeconds must be finite and > 0, got '" + latencySeconds + " s'");
    }
  }

  /** How a prediction was obtained, from most to least reliable. */
  public enum Method {
    /** The point was measured. */
    EXACT,
    /** The point lies between measured points on every axis. */
    INTERPOLATED,
    /** The point lies beyond the measured range on at least one axis. */
    EXTRAPOLATED
  }
}

package dev.afd.api.network;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;

/**
 * The time a communication takes and which model answered.
 *
 * @param seconds the time in seconds, {@code >= 0}
 * @param model the network model's id, for example {@code "analytical"} or {@code "simulated"}
 * @param fidelity whether a measured table or a model gave the time
 * @since 0.1
 */
public record CommunicationTime(double seconds, String model, Fidelity fidelity) {

  /**
   * Validates the time.
   *
   * @param seconds seconds
   * @param model model
   * @param fidelity fidelity
   */
  public CommunicationTime {
    requireNonNull(model, "model");
    requireNonNull(fidelity, "fidelity");
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("seconds must be finite and >= 0, got '" + seconds + "'");
    }
  }
}

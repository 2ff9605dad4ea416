package dev.afd.simulate;

/**
 * What a simulation measured.
 *
 * @param completed requests that completed
 * @param rejected requests whose final context alone exceeds a rank's KV cache (never admitted)
 * @param makespanSeconds from time 0 to the last completion
 * @param outputTokens output tokens of the completed requests
 * @param timeToFirstToken arrival to first token
 * @param timePerOutputToken mean time between output tokens (requests of two tokens or more)
 * @param endToEnd arrival to last token
 * @param meetingSlo completed requests meeting both TTFT and TPOT limits
 * @param devices GPUs of the deployment
 * @param busyShare mean share of the makespan the ranks spent in iterations
 * @param kvShare mean share of the KV cache reserved, over ranks that hold one and the makespan
 * @param iterations scheduler iterations simulated, all ranks
 * @param curves latency CDFs and the utilisation timeline
 */
public record SimulationResult(
    long completed,
    long rejected,
    double makespanSeconds,
    long outputTokens,
    LatencySummary timeToFirstToken,
    LatencySummary timePerOutputToken,
    LatencySummary endToEnd,
    long meetingSlo,
    int devices,
    double busyShare,
    double kvShare,
    long iterations,
    SimulationCurves curves) {

  /** {@return completed requests per second} */
  public double requestsPerSecond() {
    return completed / makespanSeconds;
  }

  /** {@return output tokens per second, the whole deployment} */
  public double tokensPerSecond() {
    return outputTokens / makespanSeconds;
  }

  /** {@return output tokens per second per GPU} */
  public double tokensPerSecondPerDevice() {
    return tokensPerSecond() / devices;
  }

  /** {@return the share of completed requests meeting the SLO} */
  public double goodput() {
    return completed == 0 ? 0 : meetingSlo / (double) completed;
  }
}

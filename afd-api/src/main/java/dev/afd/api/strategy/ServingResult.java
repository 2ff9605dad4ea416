package dev.afd.api.strategy;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.unit.TimeSpan;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one candidate achieves: latencies, throughput, devices, memory, time breakdown and whether
 * it is feasible (and if not, why).
 *
 * <p>Immutable; built with {@link #builder(String)}. Throughput counts output tokens; per-device
 * figures divide by <em>all</em> devices the deployment occupies. Feasibility here covers memory
 * and structural limits; SLOs are checked by the explorer ({@link #meets(SloSpec)}).
 *
 * @param strategy the strategy id
 * @param knobs the candidate's knob values, in a stable order
 * @param feasible whether the candidate can run at all (memory, structure)
 * @param reason why it cannot, empty when feasible
 * @param timeToFirstToken TTFT, queueing included
 * @param timePerOutputToken TPOT
 * @param requestLatency TTFT + TPOT·(osl − 1)
 * @param tokensPerSecond output tokens per second of the whole deployment
 * @param concurrency requests decoding at once
 * @param devices every device the deployment occupies
 * @param devicesByRole devices per role (for example {@code attention}, {@code ffn}), stable order
 * @param memory the fullest device of each group
 * @param stageTimes per-stage time of one decode step (attention, a2f, ffn, f2a, communication,
 *     bubble …), stable order
 * @param kvTransfer KV transfer time per request that shows in TTFT
 * @param fidelityMix share of priced operator time per fidelity, summing to 1 when anything was
 *     priced
 * @param costModel id of the kernel cost model
 * @param networkModel id of the network model
 * @since 0.1
 */
public record ServingResult(
    String strategy,
    Map<String, String> knobs,
    boolean feasible,
    String reason,
    TimeSpan timeToFirstToken,
    TimeSpan timePerOutputToken,
    TimeSpan requestLatency,
    double tokensPerSecond,
    double concurrency,
    int devices,
    Map<String, Integer> devicesByRole,
    List<MemoryUsage> memory,
    Map<String, TimeSpan> stageTimes,
    TimeSpan kvTransfer,
    Map<Fidelity, Double> fidelityMix,
    String costModel,
    String networkModel) {

  /**
   * Validates and copies.
   *
   * @param strategy strategy
   * @param knobs knobs
   * @param feasible feasible
   * @param reason reason
   * @param timeToFirstToken TTFT
   * @param timePerOutputToken TPOT
   * @param requestLatency request latency
   * @param tokensPerSecond tokens/s
   * @param concurrency concurrency
   * @param devices devices
   * @param devicesByRole devices by role
   * @param memory memory
   * @param stageTimes stage times
   * @param kvTransfer KV transfer
   * @param fidelityMix fidelity mix
   * @param costModel cost model
   * @param networkModel network model
   */
  public ServingResult {
    requireNonNull(strategy, "strategy");
    requireNonNull(reason, "reason");
    requireNonNull(timeToFirstToken, "timeToFirstToken");
    requireNonNull(timePerOutputToken, "timePerOutputToken");
    requireNonNull(requestLatency, "requestLatency");
    requireNonNull(kvTransfer, "kvTransfer");
    requireNonNull(costModel, "costModel");
    requireNonNull(networkModel, "networkModel");
    // Free when the maps already are immutable copies, as strategies in the explorer's hot path
    // build them.
    knobs = ImmutableOrderedMap.copyOf(knobs);
    devicesByRole = ImmutableOrderedMap.copyOf(devicesByRole);
    stageTimes = ImmutableOrderedMap.copyOf(stageTimes);
    memory = List.copyOf(memory);
    fidelityMix = fidelityMix(fidelityMix);
    if (!feasible && reason.isEmpty()) {
      throw new IllegalArgumentException(
          "an infeasible result of strategy '" + strategy + "' needs a reason");
    }
    if (!(tokensPerSecond >= 0) || !(concurrency >= 0) || devices < 0) {
      throw new IllegalArgumentException(
          "result of strategy '" + strategy + "' has negative throughput, concurrency or devices");
    }
  }

  /** {@return the mix in {@link Fidelity} order: an immutable copy, unless it already is one} */
  private static Map<Fidelity, Double> fidelityMix(Map<Fidelity, Double> fidelityMix) {
    if (fidelityMix instanceof ImmutableOrderedMap<Fidelity, Double> immutable
        && inFidelityOrder(immutable)) {
      return immutable;
    }
    EnumMap<Fidelity, Double> mix = new EnumMap<>(Fidelity.class);
    mix.putAll(fidelityMix);
    return ImmutableOrderedMap.copyOf(mix);
  }

  private static boolean inFidelityOrder(Map<Fidelity, Double> mix) {
    int last = -1;
    for (Fidelity fidelity : mix.keySet()) {
      if (fidelity.ordinal() <= last) {
        return false;
      }
      last = fidelity.ordinal();
    }
    return true;
  }

  /** {@return output tokens per second per device, all devices counted} */
  public double tokensPerSecondPerDevice() {
    return devices == 0 ? 0 : tokensPerSecond / devices;
  }

  /** {@return output tokens per second each user sees: 1 / TPOT} */
  public double tokensPerSecondPerUser() {
    double tpot = timePerOutputToken.seconds();
    return tpot == 0 ? 0 : 1.0 / tpot;
  }

  /**
   * {@return whether the result is feasible and meets the SLO}
   *
   * @param slo the SLO
   */
  public boolean meets(SloSpec slo) {
    return feasible
        && timeToFirstToken.seconds() <= slo.timeToFirstToken().seconds()
        && timePerOutputToken.seconds() <= slo.timePerOutputToken().seconds();
  }

  /**
   * {@return a builder}
   *
   * @param strategy the strategy id
   */
  public static Builder builder(String strategy) {
    return new Builder(strategy);
  }

  /** Builds a {@link ServingResult}; not thread-safe. */
  public static final class Builder {
    private final String strategy;
    private Map<String, String> knobs = Map.of();
    private boolean feasible = true;
    private String reason = "";
    private TimeSpan timeToFirstToken = TimeSpan.ZERO;
    private TimeSpan timePerOutputToken = TimeSpan.ZERO;
    private TimeSpan requestLatency = TimeSpan.ZERO;
    private double tokensPerSecond;
    private double concurrency;
    private int devices;
    private Map<String, Integer> devicesByRole = Map.of();
    private List<MemoryUsage> memory = List.of();
    private Map<String, TimeSpan> stageTimes = Map.of();
    private TimeSpan kvTransfer = TimeSpan.ZERO;
    private Map<Fidelity, Double> fidelityMix = Map.of();
    private String costModel = "none";
    private String networkModel = "none";

    private Builder(String strategy) {
      this.strategy = requireNonNull(strategy, "strategy");
    }

    /**
     * Sets the knobs.
     *
     * @param knobs knob values in a stable order
     * @return this builder
     */
    public Builder knobs(Map<String, String> knobs) {
      this.knobs = requireNonNull(knobs, "knobs");
      return this;
    }

    /**
     * Marks the result infeasible.
     *
     * @param reason why, naming the group or SLO and by how much
     * @return this builder
     */
    public Builder infeasible(String reason) {
      this.feasible = false;
      this.reason = requireNonNull(reason, "reason");
      return this;
    }

    /**
     * Sets the latencies.
     *
     * @param ttft TTFT
     * @param tpot TPOT
     * @param request request latency
     * @return this builder
     */
    public Builder latencies(TimeSpan ttft, TimeSpan tpot, TimeSpan request) {
      this.timeToFirstToken = requireNonNull(ttft, "ttft");
      this.timePerOutputToken = requireNonNull(tpot, "tpot");
      this.requestLatency = requireNonNull(request, "request");
      return this;
    }

    /**
     * Sets throughput and concurrency.
     *
     * @param tokensPerSecond output tokens per second
     * @param concurrency requests decoding at once
     * @return this builder
     */
    public Builder throughput(double tokensPerSecond, double concurrency) {
      this.tokensPerSecond = tokensPerSecond;
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets the devices.
     *
     * @param devices all devices
     * @param devicesByRole devices per role
     * @return this builder
     */
    public Builder devices(int devices, Map<String, Integer> devicesByRole) {
      this.devices = devices;
      this.devicesByRole = requireNonNull(devicesByRole, "devicesByRole");
      return this;
    }

    /**
     * Sets the memory per group.
     *
     * @param memory memory usage
     * @return this builder
     */
    public Builder memory(List<MemoryUsage> memory) {
      this.memory = requireNonNull(memory, "memory");
      return this;
    }

    /**
     * Sets the stage times.
     *
     * @param stageTimes stage times, stable order
     * @return this builder
     */
    public Builder stageTimes(Map<String, TimeSpan> stageTimes) {
      this.stageTimes = requireNonNull(stageTimes, "stageTimes");
      return this;
    }

    /**
     * Sets the KV transfer time.
     *
     * @param kvTransfer time in TTFT
     * @return this builder
     */
    public Builder kvTransfer(TimeSpan kvTransfer) {
      this.kvTransfer = requireNonNull(kvTransfer, "kvTransfer");
      return this;
    }

    /**
     * Sets the fidelity mix.
     *
     * @param fidelityMix shares per fidelity
     * @return this builder
     */
    public Builder fidelityMix(Map<Fidelity, Double> fidelityMix) {
      this.fidelityMix = requireNonNull(fidelityMix, "fidelityMix");
      return this;
    }

    /**
     * Sets the model ids.
     *
     * @param costModel kernel cost model id
     * @param networkModel network model id
     * @return this builder
     */
    public Builder models(String costModel, String networkModel) {
      this.costModel = requireNonNull(costModel, "costModel");
      this.networkModel = requireNonNull(networkModel, "networkModel");
      return this;
    }

    /** {@return the result} */
    public ServingResult build() {
      return new ServingResult(
          strategy,
          knobs,
          feasible,
          reason,
          timeToFirstToken,
          timePerOutputToken,
          requestLatency,
          tokensPerSecond,
          concurrency,
          devices,
          devicesByRole,
          memory,
          stageTimes,
          kvTransfer,
          fidelityMix,
          costModel,
          networkModel);
    }
  }
}

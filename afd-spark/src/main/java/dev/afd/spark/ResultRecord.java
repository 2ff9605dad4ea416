package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.TimeSpan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ServingResult} as plain serialisable values, for the trip from an executor to the
 * driver. Every field is kept exactly (doubles bit for bit, maps in their order), so {@link
 * #toResult()} gives back an equal result.
 *
 * @param strategy the strategy id
 * @param knobKeys knob names, in order
 * @param knobValues knob values, in order
 * @param feasible whether it fits
 * @param reason why not, empty when feasible
 * @param timeToFirstTokenSeconds TTFT
 * @param timePerOutputTokenSeconds TPOT
 * @param requestLatencySeconds request latency
 * @param tokensPerSecond output tokens per second
 * @param concurrency requests decoding at once
 * @param devices devices occupied
 * @param roles device roles, in order
 * @param roleDevices devices per role, in order
 * @param memory the fullest device of each group
 * @param stages stage names, in order
 * @param stageSeconds stage times, in order
 * @param kvTransferSeconds KV transfer time
 * @param fidelities fidelity names, in order
 * @param fidelityShares fidelity shares, in order
 * @param costModel kernel cost model id
 * @param networkModel network model id
 */
public record ResultRecord(
    String strategy,
    List<String> knobKeys,
    List<String> knobValues,
    boolean feasible,
    String reason,
    double timeToFirstTokenSeconds,
    double timePerOutputTokenSeconds,
    double requestLatencySeconds,
    double tokensPerSecond,
    double concurrency,
    int devices,
    List<String> roles,
    List<Integer> roleDevices,
    List<Memory> memory,
    List<String> stages,
    List<Double> stageSeconds,
    double kvTransferSeconds,
    List<String> fidelities,
    List<Double> fidelityShares,
    String costModel,
    String networkModel)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lists. */
  public ResultRecord {
    requireNonNull(strategy, "strategy");
    knobKeys = List.copyOf(knobKeys);
    knobValues = List.copyOf(knobValues);
    requireNonNull(reason, "reason");
    roles = List.copyOf(roles);
    roleDevices = List.copyOf(roleDevices);
    memory = List.copyOf(memory);
    stages = List.copyOf(stages);
    stageSeconds = List.copyOf(stageSeconds);
    fidelities = List.copyOf(fidelities);
    fidelityShares = List.copyOf(fidelityShares);
    requireNonNull(costModel, "costModel");
    requireNonNull(networkModel, "networkModel");
  }

  /**
   * One {@link MemoryUsage}, in bytes.
   *
   * @param group the device group
   * @param weightBytes weights
   * @param kvCacheBytes KV cache
   * @param activationBytes activations
   * @param reserveBytes reserve
   * @param capacityBytes capacity
   */
  public record Memory(
      String group,
      long weightBytes,
      long kvCacheBytes,
      long activationBytes,
      long reserveBytes,
      long capacityBytes)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates. */
    public Memory {
      requireNonNull(group, "group");
    }
  }

  /** {@return the record of a result} */
  public static ResultRecord of(ServingResult result) {
    List<Memory> memory = new ArrayList<>();
    for (MemoryUsage usage : result.memory()) {
      memory.add(
          new Memory(
              usage.group(),
              usage.weights().bytes(),
              usage.kvCache().bytes(),
              usage.activations().bytes(),
              usage.reserve().bytes(),
              usage.capacity().bytes()));
    }
    List<Double> stageSeconds = new ArrayList<>();
    for (TimeSpan stage : result.stageTimes().values()) {
      stageSeconds.add(stage.seconds());
    }
    List<String> fidelities = new ArrayList<>();
    for (Fidelity fidelity : result.fidelityMix().keySet()) {
      fidelities.add(fidelity.name());
    }
    return new ResultRecord(
        result.strategy(),
        new ArrayList<>(result.knobs().keySet()),
        new ArrayList<>(result.knobs().values()),
        result.feasible(),
        result.reason(),
        result.timeToFirstToken().seconds(),
        result.timePerOutputToken().seconds(),
        result.requestLatency().seconds(),
        result.tokensPerSecond(),
        result.concurrency(),
        result.devices(),
        new ArrayList<>(result.devicesByRole().keySet()),
        new ArrayList<>(result.devicesByRole().values()),
        memory,
        new ArrayList<>(result.stageTimes().keySet()),
        stageSeconds,
        result.kvTransfer().seconds(),
        fidelities,
        new ArrayList<>(result.fidelityMix().values()),
        result.costModel(),
        result.networkModel());
  }

  /** {@return the result this record was made of} */
  public ServingResult toResult() {
    List<MemoryUsage> usages = new ArrayList<>();
    for (Memory usage : memory) {
      usages.add(
          new MemoryUsage(
              usage.group(),
              new DataSize(usage.weightBytes()),
              new DataSize(usage.kvCacheBytes()),
              new DataSize(usage.activationBytes()),
              new DataSize(usage.reserveBytes()),
              new DataSize(usage.capacityBytes())));
    }
    Map<Fidelity, Double> mix = new EnumMap<>(Fidelity.class);
    for (int index = 0; index < fidelities.size(); index++) {
      mix.put(Fidelity.valueOf(fidelities.get(index)), fidelityShares.get(index));
    }
    return new ServingResult(
        strategy,
        zip(knobKeys, knobValues),
        feasible,
        reason,
        new TimeSpan(timeToFirstTokenSeconds),
        new TimeSpan(timePerOutputTokenSeconds),
        new TimeSpan(requestLatencySeconds),
        tokensPerSecond,
        concurrency,
        devices,
        zip(roles, roleDevices),
        usages,
        zip(stages, stageSeconds.stream().map(TimeSpan::new).toList()),
        new TimeSpan(kvTransferSeconds),
        mix,
        costModel,
        networkModel);
  }

  private static <V> Map<String, V> zip(List<String> keys, List<V> values) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int index = 0; index < keys.size(); index++) {
      map.put(keys.get(index), values.get(index));
    }
    return map;
  }
}

package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.DataSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every result a strategy reports feasible against what the engine knows, and turns it
 * infeasible, with a reason naming the strategy, when it cannot be right: a memory group whose
 * total exceeds its capacity, a capacity larger than any device of the cluster, a deployment whose
 * devices cannot hold the model's weights even once, or a layout the model cannot be sharded into.
 *
 * <p>Layouts are read from the result's knobs: {@code tp}, {@code moe-tp} and {@code ep}, alone or
 * after a role prefix ({@code decode-tp}, {@code ffn-ep}); the knobs sharing a prefix form one
 * {@link Sharding}, checked with {@link MoeModelSpec#shardingProblem}.
 *
 * <p>Thread-safe: the explorer audits from many threads at once.
 */
public final class ResultAudit {
  private static final String TENSOR_PARALLEL = "tp";
  private static final String MOE_TENSOR_PARALLEL = "moe-tp";
  private static final String EXPERT_PARALLEL = "ep";
  // Role-prefixed knobs (decode-tp, ffn-ep): suffixes built once, not per knob of every result.
  private static final String TENSOR_PARALLEL_SUFFIX = "-" + TENSOR_PARALLEL;
  private static final String MOE_TENSOR_PARALLEL_SUFFIX = "-" + MOE_TENSOR_PARALLEL;
  private static final String EXPERT_PARALLEL_SUFFIX = "-" + EXPERT_PARALLEL;

  private final String strategy;
  private final MoeModelSpec model;
  private final DataSize largestDevice;
  private final double modelWeightBytes;
  private final Map<Sharding, Optional<String>> shardingProblems = new ConcurrentHashMap<>();

  /**
   * Audits results of one strategy on one model and cluster.
   *
   * @param strategy the strategy id, named in every reason
   * @param model the model as served (the recipe's formats applied)
   * @param cluster the cluster
   */
  public ResultAudit(String strategy, MoeModelSpec model, ClusterSpec cluster) {
    this.strategy = requireNonNull(strategy, "strategy");
    this.model = requireNonNull(model, "model");
    DataSize largest = DataSize.ZERO;
    for (SystemSpec system : cluster.systems()) {
      DataSize capacity = system.accelerator().memoryCapacityPerDevice();
      if (capacity.bytes() > largest.bytes()) {
        largest = capacity;
      }
    }
    this.largestDevice = largest;
    this.modelWeightBytes = model.weightBytesPerDevice(Sharding.single());
  }

  /**
   * {@return the result, or an infeasible copy of it when the engine cannot accept it as feasible}
   *
   * @param result what the strategy reported
   */
  public ServingResult check(ServingResult result) {
    if (!result.feasible()) {
      return result;
    }
    Optional<String> problem = problem(result);
    return problem.isEmpty() ? result : infeasible(result, problem.get());
  }

  private Optional<String> problem(ServingResult result) {
    for (MemoryUsage usage : result.memory()) {
      if (!usage.fits()) {
        return Optional.of(
            "group '"
                + usage.group()
                + "' needs "
                + usage.total()
                + " per device, more than its capacity "
                + usage.capacity());
      }
      if (usage.capacity().bytes() > largestDevice.bytes()) {
        return Optional.of(
            "group '"
                + usage.group()
                + "' counts on "
                + usage.capacity()
                + " per device, more than the largest device of the cluster ("
                + largestDevice
                + ")");
      }
    }
    if (modelWeightBytes > (double) result.devices() * largestDevice.bytes()) {
      return Optional.of(
          result.devices()
              + " devices of at most "
              + largestDevice
              + " cannot hold the weights of model '"
              + model.id()
              + "' ("
              + DataSize.ofBytes((long) Math.ceil(modelWeightBytes))
              + ")");
    }
    return layoutProblem(result.knobs());
  }

  private Optional<String> layoutProblem(Map<String, String> knobs) {
    Map<String, int[]> layouts = null;
    for (Map.Entry<String, String> knob : knobs.entrySet()) {
      String key = knob.getKey();
      int degree;
      String prefix;
      if (key.equals(MOE_TENSOR_PARALLEL) || key.endsWith(MOE_TENSOR_PARALLEL_SUFFIX)) {
        degree = 1;
        prefix = key.substring(0, key.length() - MOE_TENSOR_PARALLEL.length());
      } else if (key.equals(TENSOR_PARALLEL) || key.endsWith(TENSOR_PARALLEL_SUFFIX)) {
        degree = 0;
        prefix = key.substring(0, key.length() - TENSOR_PARALLEL.length());
      } else if (key.equals(EXPERT_PARALLEL) || key.endsWith(EXPERT_PARALLEL_SUFFIX)) {
        degree = 2;
        prefix = key.substring(0, key.length() - EXPERT_PARALLEL.length());
      } else {
        continue;
      }
      int value = positive(knob.getValue());
      if (value < 1) {
        return Optional.of(
            "layout knob '" + key + "' must be a positive integer, got '" + knob.getValue() + "'");
      }
      if (layouts == null) {
        layouts = new LinkedHashMap<>();
      }
      layouts.computeIfAbsent(prefix, unused -> new int[3])[degree] = value;
    }
    if (layouts == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, int[]> layout : layouts.entrySet()) {
      int[] degrees = layout.getValue();
      Sharding sharding =
          new Sharding(
              Math.max(1, degrees[0]), 1, Math.max(1, degrees[1]), Math.max(1, degrees[2]), 1);
      Optional<String> problem = shardingProblems.computeIfAbsent(sharding, model::shardingProblem);
      if (problem.isPresent()) {
        return Optional.of(
            "model '"
                + model.id()
                + "' cannot be sharded as "
                + describe(layout.getKey(), degrees)
                + ": "
                + problem.get());
      }
    }
    return Optional.empty();
  }

  /** {@return the layout as its knobs, for example {@code decode-tp=5 decode-ep=8}} */
  private static String describe(String prefix, int[] degrees) {
    String[] names = {TENSOR_PARALLEL, MOE_TENSOR_PARALLEL, EXPERT_PARALLEL};
    StringBuilder text = new StringBuilder();
    for (int index = 0; index < names.length; index++) {
      if (degrees[index] > 0) {
        text.append(text.length() == 0 ? "" : " ")
            .append(prefix)
            .append(names[index])
            .append('=')
            .append(degrees[index]);
      }
    }
    return text.toString();
  }

  /** {@return the value as a positive int, or 0 when it is not one} */
  private static int positive(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return 0;
    }
    int value = 0;
    for (int index = 0; index < text.length(); index++) {
      char digit = text.charAt(index);
      if (digit < '0' || digit > '9') {
        return 0;
      }
      value = value * 10 + (digit - '0');
    }
    return value;
  }

  private ServingResult infeasible(ServingResult result, String problem) {
    return new ServingResult(
        result.strategy(),
        result.knobs(),
        false,
        "strategy '" + strategy + "' reported this result feasible, but " + problem,
        result.timeToFirstToken(),
        result.timePerOutputToken(),
        result.requestLatency(),
        result.tokensPerSecond(),
        result.concurrency(),
        result.devices(),
        result.devicesByRole(),
        result.memory(),
        result.stageTimes(),
        result.kvTransfer(),
        result.fidelityMix(),
        result.costModel(),
        result.networkModel());
  }
}

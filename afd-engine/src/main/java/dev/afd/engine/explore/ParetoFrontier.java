package dev.afd.engine.explore;

import dev.afd.api.strategy.ServingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pareto frontier of tokens/s/GPU (higher is better) against tokens/s/user (higher is better),
 * maintained incrementally.
 *
 * <p>Points are kept sorted by tokens/s/user ascending, so tokens/s/GPU is strictly descending
 * along the frontier. Among equal points the first offered wins, which keeps results independent of
 * thread count as long as points are offered in enumeration order. Not thread-safe.
 */
public final class ParetoFrontier {
  private final TreeMap<Double, ServingResult> byUserRate = new TreeMap<>();

  /** Offers a point; returns whether it joined the frontier. */
  public boolean offer(ServingResult result) {
    double user = result.tokensPerSecondPerUser();
    double perDevice = result.tokensPerSecondPerDevice();
    // Dominated if some point has user' >= user and perDevice' >= perDevice.
    Map.Entry<Double, ServingResult> atOrAbove = byUserRate.ceilingEntry(user);
    if (atOrAbove != null && atOrAbove.getValue().tokensPerSecondPerDevice() >= perDevice) {
      return false;
    }
    // Remove points this one dominates: user' <= user and perDevice' <= perDevice.
    Map.Entry<Double, ServingResult> below = byUserRate.floorEntry(user);
    while (below != null && below.getValue().tokensPerSecondPerDevice() <= perDevice) {
      byUserRate.remove(below.getKey());
      below = byUserRate.floorEntry(user);
    }
    byUserRate.put(user, result);
    return true;
  }

  /** {@return the frontier, by tokens/s/user ascending} */
  public List<ServingResult> points() {
    return new ArrayList<>(byUserRate.values());
  }
}

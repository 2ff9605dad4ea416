package dev.afd.engine.explore;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * Folds results, offered in enumeration order, into a {@link StrategyOutcome}. Ties keep the first
 * result, so the outcome does not depend on how many threads evaluated them. Not thread-safe.
 */
final class OutcomeAccumulator {
  private final String strategyId;
  private final SloSpec slo;
  private final ParetoFrontier frontier = new ParetoFrontier();
  private long candidates;
  private long feasible;
  private long meetingSlo;
  private ServingResult bestPerDevice;
  private ServingResult bestSystem;
  private ServingResult closest;
  private double closestViolation = Double.POSITIVE_INFINITY;
  private ServingResult firstInfeasible;

  OutcomeAccumulator(String strategyId, SloSpec slo) {
    this.strategyId = strategyId;
    this.slo = slo;
  }

  void offer(ServingResult result) {
    candidates++;
    if (!result.feasible()) {
      if (firstInfeasible == null) {
        firstInfeasible = result;
      }
      return;
    }
    feasible++;
    frontier.offer(result);
    if (result.meets(slo)) {
      meetingSlo++;
      if (bestPerDevice == null
          || result.tokensPerSecondPerDevice() > bestPerDevice.tokensPerSecondPerDevice()) {
        bestPerDevice = result;
      }
      if (bestSystem == null || result.tokensPerSecond() > bestSystem.tokensPerSecond()) {
        bestSystem = result;
      }
      return;
    }
    double violation =
        Math.max(
            result.timeToFirstToken().seconds() / slo.timeToFirstToken().seconds(),
            result.timePerOutputToken().seconds() / slo.timePerOutputToken().seconds());
    if (violation < closestViolation) {
      closestViolation = violation;
      closest = result;
    }
  }

  StrategyOutcome outcome() {
    String whyNone = "";
    ServingResult nearest = null;
    if (bestPerDevice == null) {
      if (closest != null) {
        nearest = closest;
        whyNone = missedSlo(closest);
      } else if (firstInfeasible != null) {
        nearest = firstInfeasible;
        whyNone = "no candidate fits: " + firstInfeasible.reason();
      } else {
        whyNone = "the strategy enumerated no candidates within the device budget";
      }
    }
    return new StrategyOutcome(
        strategyId,
        candidates,
        feasible,
        meetingSlo,
        Optional.ofNullable(bestPerDevice),
        Optional.ofNullable(bestSystem),
        frontier.points(),
        Optional.ofNullable(nearest),
        whyNone);
  }

  private String missedSlo(ServingResult result) {
    StringBuilder reason = new StringBuilder("closest candidate misses ");
    double ttft = result.timeToFirstToken().seconds();
    double tpot = result.timePerOutputToken().seconds();
    boolean first = true;
    if (ttft > slo.timeToFirstToken().seconds()) {
      reason.append(
          String.format(
              Locale.ROOT,
              "TTFT %.1f ms > %.1f ms by %.1f ms",
              ttft * 1e3,
              slo.timeToFirstToken().seconds() * 1e3,
              (ttft - slo.timeToFirstToken().seconds()) * 1e3));
      first = false;
    }
    if (tpot > slo.timePerOutputToken().seconds()) {
      reason.append(first ? "" : " and ");
      reason.append(
          String.format(
              Locale.ROOT,
              "TPOT %.2f ms > %.2f ms by %.2f ms",
              tpot * 1e3,
              slo.timePerOutputToken().seconds() * 1e3,
              (tpot - slo.timePerOutputToken().seconds()) * 1e3));
    }
    return reason.toString();
  }
}

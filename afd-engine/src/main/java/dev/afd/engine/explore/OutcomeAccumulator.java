package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Folds results, offered in enumeration order, into a {@link StrategyOutcome}. Ties keep the first
 * result, so the outcome does not depend on how many threads evaluated them.
 *
 * <p>A strategy's enumeration can also be cut into contiguous candidate ranges evaluated apart
 * ({@link Explorer#exploreRange}): each range's accumulator gives a {@link Partial}, and {@link
 * #add(Partial)}, called with the ranges in enumeration order, gives exactly the outcome of one
 * accumulator offered every candidate. Not thread-safe.
 *
 * @since 0.2
 */
public final class OutcomeAccumulator {
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

  /**
   * Starts an empty accumulator.
   *
   * @param strategyId the strategy whose candidates are offered
   * @param slo the scenario's SLO
   */
  public OutcomeAccumulator(String strategyId, SloSpec slo) {
    this.strategyId = requireNonNull(strategyId, "strategyId");
    this.slo = requireNonNull(slo, "slo");
  }

  /**
   * What one contiguous range of a strategy's candidates adds to its outcome: everything an
   * accumulator keeps, so ranges fold together exactly. The frontier is the range's own; points a
   * later range dominates drop out when ranges are {@linkplain #add(Partial) added}.
   *
   * @param strategyId the strategy
   * @param candidates candidates in the range
   * @param feasible those that fit
   * @param meetingSlo those that fit and meet the SLO
   * @param frontier the range's Pareto frontier, by tokens/s/user ascending
   * @param bestPerDevice the first highest tokens/s/GPU meeting the SLO
   * @param bestSystem the first highest system tokens/s meeting the SLO
   * @param closest the first feasible candidate closest to the SLO among those missing it
   * @param firstInfeasible the first infeasible candidate
   */
  public record Partial(
      String strategyId,
      long candidates,
      long feasible,
      long meetingSlo,
      List<ServingResult> frontier,
      Optional<ServingResult> bestPerDevice,
      Optional<ServingResult> bestSystem,
      Optional<ServingResult> closest,
      Optional<ServingResult> firstInfeasible) {

    /** Validates and copies the frontier. */
    public Partial {
      requireNonNull(strategyId, "strategyId");
      requireNonNull(bestPerDevice, "bestPerDevice");
      requireNonNull(bestSystem, "bestSystem");
      requireNonNull(closest, "closest");
      requireNonNull(firstInfeasible, "firstInfeasible");
      frontier = List.copyOf(frontier);
      if (candidates < 0 || feasible < 0 || meetingSlo < 0) {
        throw new IllegalArgumentException(
            "counts must be >= 0, got candidates="
                + candidates
                + ", feasible="
                + feasible
                + ", meetingSlo="
                + meetingSlo);
      }
    }
  }

  /**
   * Offers the next result in enumeration order.
   *
   * @param result an audited result
   */
  public void offer(ServingResult result) {
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
      offerBest(result);
      offerBestSystem(result);
      return;
    }
    offerClosest(result);
  }

  /** {@return what this accumulator holds, for adding to the accumulator of earlier ranges} */
  public Partial partial() {
    return new Partial(
        strategyId,
        candidates,
        feasible,
        meetingSlo,
        frontier.points(),
        Optional.ofNullable(bestPerDevice),
        Optional.ofNullable(bestSystem),
        Optional.ofNullable(closest),
        Optional.ofNullable(firstInfeasible));
  }

  /**
   * Folds in the range that follows everything offered or added so far, as if its candidates had
   * been offered one by one: counts add, a later best or closest replaces an earlier one only when
   * strictly better (as {@link #offer} decides), the first infeasible stays the earliest, and the
   * later range's frontier points are offered in order (a point it dropped was dominated within
   * that range, so it could not join the whole frontier either).
   *
   * @param later the next range's partial, of the same strategy
   * @throws IllegalArgumentException if it is another strategy's
   */
  public void add(Partial later) {
    requireNonNull(later, "later");
    if (!later.strategyId().equals(strategyId)) {
      throw new IllegalArgumentException(
          "partial of strategy '"
              + later.strategyId()
              + "' cannot be added to strategy '"
              + strategyId
              + "'");
    }
    candidates += later.candidates();
    feasible += later.feasible();
    meetingSlo += later.meetingSlo();
    for (ServingResult point : later.frontier()) {
      frontier.offer(point);
    }
    if (firstInfeasible == null) {
      firstInfeasible = later.firstInfeasible().orElse(null);
    }
    later.bestPerDevice().ifPresent(this::offerBest);
    later.bestSystem().ifPresent(this::offerBestSystem);
    later.closest().ifPresent(this::offerClosest);
  }

  private void offerBest(ServingResult result) {
    if (bestPerDevice == null
        || result.tokensPerSecondPerDevice() > bestPerDevice.tokensPerSecondPerDevice()) {
      bestPerDevice = result;
    }
  }

  private void offerBestSystem(ServingResult result) {
    if (bestSystem == null || result.tokensPerSecond() > bestSystem.tokensPerSecond()) {
      bestSystem = result;
    }
  }

  private void offerClosest(ServingResult result) {
    double violation = violation(result);
    if (violation < closestViolation) {
      closestViolation = violation;
      closest = result;
    }
  }

  private double violation(ServingResult result) {
    return Math.max(
        result.timeToFirstToken().seconds() / slo.timeToFirstToken().seconds(),
        result.timePerOutputToken().seconds() / slo.timePerOutputToken().seconds());
  }

  /** {@return the outcome of everything offered and added} */
  public StrategyOutcome outcome() {
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

package dev.afd.tck;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link ServingResult}; start with {@link
 * AfdAssertions#assertThat(ServingResult)}. Failure messages name the candidate's knobs so a
 * strategy author sees which configuration broke.
 *
 * <p>Not thread-safe, like every AssertJ assertion.
 *
 * @since 0.1
 */
public final class ServingResultAssert
    extends AbstractObjectAssert<ServingResultAssert, ServingResult> {

  ServingResultAssert(ServingResult actual) {
    super(actual, ServingResultAssert.class);
  }

  /**
   * Asserts that the result is feasible.
   *
   * @return this assertion
   */
  public ServingResultAssert isFeasible() {
    isNotNull();
    if (!actual.feasible()) {
      failWithMessage(
          "%nExpecting %s result %s to be feasible, but it is not: %s",
          actual.strategy(), actual.knobs(), actual.reason());
    }
    return myself;
  }

  /**
   * Asserts that the result is infeasible for exactly this reason.
   *
   * @param reason the expected reason, compared exactly
   * @return this assertion
   */
  public ServingResultAssert isInfeasibleBecause(String reason) {
    requireNonNull(reason, "reason");
    isNotNull();
    if (actual.feasible()) {
      failWithMessage(
          "%nExpecting %s result %s to be infeasible because:%n  %s%nbut it is feasible",
          actual.strategy(), actual.knobs(), reason);
    } else if (!actual.reason().equals(reason)) {
      failWithMessage(
          "%nExpecting %s result %s to be infeasible because:%n  %s%nbut the reason is:%n  %s",
          actual.strategy(), actual.knobs(), reason, actual.reason());
    }
    return myself;
  }

  /**
   * Asserts that every group's fullest device fits in its memory capacity.
   *
   * @return this assertion
   */
  public ServingResultAssert fitsInMemory() {
    isNotNull();
    for (MemoryUsage usage : actual.memory()) {
      if (!usage.fits()) {
        failWithMessage(
            "%nExpecting %s result %s to fit in memory, but %s devices need '%s' of '%s'",
            actual.strategy(), actual.knobs(), usage.group(), usage.total(), usage.capacity());
      }
    }
    return myself;
  }

  /**
   * Asserts that the result is feasible and meets both latency targets of {@code slo}.
   *
   * @param slo the latency targets
   * @return this assertion
   */
  public ServingResultAssert meets(SloSpec slo) {
    requireNonNull(slo, "slo");
    isFeasible();
    if (!actual.meets(slo)) {
      failWithMessage(
          "%nExpecting %s result %s to meet TTFT '%s' and TPOT '%s', but TTFT is '%s' and TPOT"
              + " '%s'",
          actual.strategy(),
          actual.knobs(),
          slo.timeToFirstToken(),
          slo.timePerOutputToken(),
          actual.timeToFirstToken(),
          actual.timePerOutputToken());
    }
    return myself;
  }

  /**
   * Asserts how many devices the deployment occupies in one role.
   *
   * @param role the role, for example {@code "attention"} or {@code "ffn"}
   * @param devices the expected device count
   * @return this assertion
   */
  public ServingResultAssert hasDevicesInRole(String role, int devices) {
    requireNonNull(role, "role");
    isNotNull();
    Integer found = actual.devicesByRole().get(role);
    if (found == null || found != devices) {
      failWithMessage(
          "%nExpecting %s result %s to have %s devices in role '%s', but devices by role are %s",
          actual.strategy(), actual.knobs(), devices, role, actual.devicesByRole());
    }
    return myself;
  }
}

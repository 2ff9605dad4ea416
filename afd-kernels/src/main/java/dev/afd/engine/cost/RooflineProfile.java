package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.Operator;

/**
 * Roofline shape parameters per kernel class: dense GEMMs, MoE expert GEMMs, attention, and every
 * other operator (norms, element-wise, embedding lookups).
 *
 * <p>The classes run different kernels (cuBLAS-style GEMMs, grouped expert GEMMs with routing and
 * permutation, flash/paged attention) whose efficiency curves differ; one parameter set fitted to
 * all of them trades one class against another (docs/accuracy.md, "Roofline"). A class without
 * measured tables ({@link #other}) keeps the hand-set {@link RooflineParameters#DEFAULT}.
 *
 * @param gemm dense GEMMs ({@link GemmOperator})
 * @param moe routed-expert GEMMs ({@link MoeOperator})
 * @param attention attention, prefill and decode, GQA and MLA ({@link AttentionOperator})
 * @param other every other operator
 */
public record RooflineProfile(
    RooflineParameters gemm,
    RooflineParameters moe,
    RooflineParameters attention,
    RooflineParameters other) {
  /** The hand-set parameters for every class. */
  public static final RooflineProfile DEFAULT = uniform(RooflineParameters.DEFAULT);

  /** Requires every class. */
  public RooflineProfile {
    requireNonNull(gemm, "gemm");
    requireNonNull(moe, "moe");
    requireNonNull(attention, "attention");
    requireNonNull(other, "other");
  }

  /** {@return a profile with the same parameters for every class} */
  public static RooflineProfile uniform(RooflineParameters parameters) {
    return new RooflineProfile(parameters, parameters, parameters, parameters);
  }

  /** {@return the parameters of {@code operator}'s class} */
  public RooflineParameters parametersFor(Operator operator) {
    if (operator instanceof GemmOperator) {
      return gemm;
    }
    if (operator instanceof MoeOperator) {
      return moe;
    }
    if (operator instanceof AttentionOperator) {
      return attention;
    }
    return other;
  }
}

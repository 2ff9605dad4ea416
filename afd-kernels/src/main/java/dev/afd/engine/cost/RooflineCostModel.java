package dev.afd.engine.cost;

import static java.util.Objects.requireNonNull;

import dev.afd.api.Fidelity;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.operator.AttentionOperator;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.GemmOperator;
import dev.afd.api.operator.MoeOperator;
import dev.afd.api.operator.Operator;

/**
 * The roofline: {@code t = max(F / (P·η_c), B / (BW·η_m)) + t_kernel}, with the accelerator's
 * default efficiencies scaled by shape-dependent saturation ({@link RooflineParameters}).
 *
 * <p>Immutable and thread-safe; allocation-free apart from the returned record.
 */
public final class RooflineCostModel implements KernelCostModel {
  /** Source tag of every time this model gives. */
  public static final String SOURCE = "roofline";

  private final RooflineProfile profile;

  /** Creates a roofline with {@link RooflineParameters#DEFAULT} for every kernel class. */
  public RooflineCostModel() {
    this(RooflineParameters.DEFAULT);
  }

  /** Creates a roofline with the given shape parameters for every kernel class. */
  public RooflineCostModel(RooflineParameters parameters) {
    this(RooflineProfile.uniform(requireNonNull(parameters, "parameters")));
  }

  /** Creates a roofline with shape parameters per kernel class. */
  public RooflineCostModel(RooflineProfile profile) {
    this.profile = requireNonNull(profile, "profile");
  }

  /** {@return the shape parameters per kernel class} */
  public RooflineProfile profile() {
    return profile;
  }

  @Override
  public String id() {
    return SOURCE;
  }

  @Override
  public OperatorTime time(Operator operator, AcceleratorSpec accelerator) {
    return new OperatorTime(seconds(operator, accelerator), Fidelity.ROOFLINE, SOURCE);
  }

  /** {@return the roofline time in seconds, without allocating} */
  public double seconds(Operator operator, AcceleratorSpec accelerator) {
    if (operator instanceof CollectiveOperator) {
      throw new IllegalArgumentException(
          "collective '" + operator.name() + "' is priced by a network model, not a kernel model");
    }
    RooflineParameters parameters = profile.parametersFor(operator);
    double flops = operator.flops();
    double bytes = operator.memoryBytes();
    double computeEfficiency =
        Math.min(1, accelerator.computeEfficiency() * parameters.computeEfficiencyScale())
            * computeSaturation(operator, parameters);
    double memoryEfficiency =
        Math.min(1, accelerator.memoryEfficiency() * parameters.memoryEfficiencyScale())
            * RooflineParameters.saturation(bytes, parameters.memoryHalfSaturationBytes());
    double computeSeconds =
        flops == 0
            ? 0
            : flops
                / (accelerator.peakFlopsPerSecond(operator.computePrecision()) * computeEfficiency);
    double memorySeconds =
        bytes == 0
            ? 0
            : bytes / (accelerator.memoryBandwidth().bytesPerSecond() * memoryEfficiency);
    return Math.max(computeSeconds, memorySeconds) + accelerator.kernelOverhead().seconds();
  }

  /**
   * {@return the roofline time without kernel overhead and shape saturation: the speed of light}
   */
  public static double speedOfLightSeconds(Operator operator, AcceleratorSpec accelerator) {
    double computeSeconds =
        operator.flops() / accelerator.peakFlopsPerSecond(operator.computePrecision());
    double memorySeconds = operator.memoryBytes() / accelerator.memoryBandwidth().bytesPerSecond();
    return Math.max(computeSeconds, memorySeconds);
  }

  private static double computeSaturation(Operator operator, RooflineParameters parameters) {
    if (operator instanceof GemmOperator gemm) {
      return RooflineParameters.saturation(gemm.m(), parameters.gemmHalfSaturationRows());
    }
    if (operator instanceof MoeOperator moe) {
      double rowsPerExpert = moe.pairsOnBusiestDevice() / Math.max(1.0, moe.expertsTouched());
      return RooflineParameters.saturation(rowsPerExpert, parameters.gemmHalfSaturationRows());
    }
    if (operator instanceof AttentionOperator attention) {
      double positions = attention.attendedPositionsPerSequence() / attention.newTokens();
      double rows = attention.newTokens() * (double) attention.heads() / attention.kvHeads();
      return RooflineParameters.saturation(positions, parameters.attentionHalfSaturationPositions())
          * RooflineParameters.saturation(rows, parameters.gemmHalfSaturationRows() / 4);
    }
    return 1;
  }
}

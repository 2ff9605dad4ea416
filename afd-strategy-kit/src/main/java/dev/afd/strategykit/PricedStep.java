package dev.afd.strategykit;

import dev.afd.api.Fidelity;
import dev.afd.api.internal.ImmutableOrderedMap;
import dev.afd.api.model.LayerGroup;
import java.util.List;
import java.util.Map;

/**
 * The price of one side of one step: per layer group, the time of one layer's compute, its
 * collectives and its router; the edge blocks once; and the operator time per fidelity.
 *
 * <p>Made by {@link StepPricer#price}; strategies read it and compose steps from it ({@link
 * AfdPipeline#step}). Immutable once built, and shared between candidates: thread-safe.
 *
 * @since 0.2
 */
public final class PricedStep {
  final double[] computePerLayer;
  final double[] communicationPerLayer;
  final double[] routerPerLayer;
  final double[] expertCommunicationPerLayer;
  final int[] layerCounts;
  double edgeSeconds;
  final double[] fidelitySeconds = new double[Fidelity.values().length];

  PricedStep(List<LayerGroup> groups) {
    int size = groups.size();
    computePerLayer = new double[size];
    communicationPerLayer = new double[size];
    routerPerLayer = new double[size];
    expertCommunicationPerLayer = new double[size];
    layerCounts = new int[size];
    for (int index = 0; index < size; index++) {
      layerCounts[index] = groups.get(index).count();
    }
  }

  /** {@return layer groups} */
  public int groups() {
    return layerCounts.length;
  }

  /**
   * {@return layers in a group}
   *
   * @param group the layer group's index in the model
   */
  public int layers(int group) {
    return layerCounts[group];
  }

  /**
   * {@return one layer's compute seconds in a group, router included}
   *
   * @param group the layer group's index in the model
   */
  public double compute(int group) {
    return computePerLayer[group];
  }

  /**
   * {@return one layer's router seconds in a group (part of {@link #compute(int)})}
   *
   * @param group the layer group's index in the model
   */
  public double router(int group) {
    return routerPerLayer[group];
  }

  /**
   * {@return one layer's expert-parallel dispatch and combine seconds in a group (part of {@link
   * #communication(int)}); attention-FFN disaggregation replaces them by its own transfers}
   *
   * @param group the layer group's index in the model
   */
  public double expertCommunication(int group) {
    return expertCommunicationPerLayer[group];
  }

  /**
   * {@return one layer's collective seconds in a group}
   *
   * @param group the layer group's index in the model
   */
  public double communication(int group) {
    return communicationPerLayer[group];
  }

  /** {@return the edge blocks' seconds (embedding, LM head)} */
  public double edges() {
    return edgeSeconds;
  }

  /** {@return compute seconds of the whole step, all layers and edges} */
  public double totalCompute() {
    double total = edgeSeconds;
    for (int group = 0; group < layerCounts.length; group++) {
      total += layerCounts[group] * computePerLayer[group];
    }
    return total;
  }

  /** {@return collective seconds of the whole step} */
  public double totalCommunication() {
    double total = 0;
    for (int group = 0; group < layerCounts.length; group++) {
      total += layerCounts[group] * communicationPerLayer[group];
    }
    return total;
  }

  /** {@return compute plus collectives, run back to back} */
  public double total() {
    return totalCompute() + totalCommunication();
  }

  /**
   * Adds this step's operator seconds per fidelity, times {@code weight}, into {@code into}.
   *
   * @param into seconds per fidelity, indexed by {@link Fidelity#ordinal()}
   * @param weight how many times the step runs (micro-batches, steps per request)
   */
  public void addFidelity(double[] into, double weight) {
    for (int index = 0; index < fidelitySeconds.length; index++) {
      into[index] += fidelitySeconds[index] * weight;
    }
  }

  private static final Fidelity[] FIDELITIES = Fidelity.values();

  /**
   * {@return shares of operator time per fidelity, from accumulated seconds, in {@link Fidelity}
   * order}
   *
   * @param seconds seconds per fidelity, indexed by {@link Fidelity#ordinal()}
   */
  public static Map<Fidelity, Double> mix(double[] seconds) {
    double total = 0;
    for (double value : seconds) {
      total += value;
    }
    ImmutableOrderedMap.Builder<Fidelity, Double> mix =
        ImmutableOrderedMap.builder(FIDELITIES.length);
    if (total > 0) {
      for (Fidelity fidelity : FIDELITIES) {
        if (seconds[fidelity.ordinal()] > 0) {
          mix.put(fidelity, seconds[fidelity.ordinal()] / total);
        }
      }
    }
    return mix.build();
  }
}

package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Explorer;
import dev.afd.simulate.Arrivals;
import dev.afd.simulate.LengthDistribution;
import dev.afd.simulate.Simulation;
import dev.afd.simulate.SimulationResult;
import dev.afd.simulate.SimulationSpec;
import dev.afd.simulate.SimulationTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates every silicon row with one kernel cost model: maps it ({@link RowMapper}), builds the
 * narrowed strategy, evaluates the single candidate it enumerates and keeps the first feasible
 * attempt. A simulating validator ({@link #simulating}) then runs that candidate through the
 * request-level simulation as a closed loop of the row's clients and predicts the simulated mean
 * TTFT and TPOT instead of the closed form's. Thread-safe; rows are evaluated in parallel and
 * returned in input order.
 */
public final class Validator {
  /** Suffix of a simulating validator's cost model id, e.g. {@code measured+simulated}. */
  public static final String SIMULATED = "+simulated";

  private final AfdEngine engine;
  private final RowMapper mapper;
  private final Explorer explorer;
  private final KernelCostModel kernelCostModel;
  private final Function<ClusterSpec, NetworkModel> networkModels;
  private final ValidationAssumptions assumed;
  private final @Nullable ValidationSimulation simulation;
  private final String costModel;

  /**
   * Creates a validator.
   *
   * @param engine the engine (catalogs and strategies)
   * @param kernelCostModel kernel times
   * @param networkModels the network model of a cluster
   */
  public Validator(
      AfdEngine engine,
      KernelCostModel kernelCostModel,
      Function<ClusterSpec, NetworkModel> networkModels) {
    this(engine, kernelCostModel, networkModels, ValidationAssumptions.DEFAULTS);
  }

  /**
   * Creates a validator that assumes {@code assumed} where a row is silent.
   *
   * @param engine the engine (catalogs and strategies)
   * @param kernelCostModel kernel times
   * @param networkModels the network model of a cluster
   * @param assumed what to assume where a row is silent
   */
  public Validator(
      AfdEngine engine,
      KernelCostModel kernelCostModel,
      Function<ClusterSpec, NetworkModel> networkModels,
      ValidationAssumptions assumed) {
    this(engine, kernelCostModel, networkModels, assumed, null);
  }

  /**
   * Creates a validator that predicts each row by simulating its candidate (cost model id {@code
   * <kernel cost model>+simulated}); rows the simulation cannot run are skipped with the reason.
   *
   * @param engine the engine (catalogs and strategies)
   * @param kernelCostModel kernel times
   * @param networkModels the network model of a cluster
   * @param assumed what to assume where a row is silent
   * @param simulation the simulations' seed and request cap
   * @return the simulating validator
   */
  public static Validator simulating(
      AfdEngine engine,
      KernelCostModel kernelCostModel,
      Function<ClusterSpec, NetworkModel> networkModels,
      ValidationAssumptions assumed,
      ValidationSimulation simulation) {
    return new Validator(
        engine, kernelCostModel, networkModels, assumed, requireNonNull(simulation, "simulation"));
  }

  private Validator(
      AfdEngine engine,
      KernelCostModel kernelCostModel,
      Function<ClusterSpec, NetworkModel> networkModels,
      ValidationAssumptions assumed,
      @Nullable ValidationSimulation simulation) {
    this.engine = requireNonNull(engine, "engine");
    this.mapper = new RowMapper(engine, assumed);
    this.kernelCostModel = kernelCostModel;
    this.networkModels = requireNonNull(networkModels, "networkModels");
    this.assumed = assumed;
    this.simulation = simulation;
    this.costModel = kernelCostModel.id() + (simulation == null ? "" : SIMULATED);
    this.explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(kernelCostModel)
            .networkModels(networkModels)
            .threads(1)
            .build();
  }

  /** {@return one result per row, in input order} */
  public List<RowResult> validate(List<SiliconRow> rows) {
    return rows.parallelStream().map(this::validate).toList();
  }

  /** {@return the result of one row} */
  public RowResult validate(SiliconRow row) {
    RowMapper.Mapping mapping = mapper.map(row);
    if (mapping instanceof RowMapper.Skipped skipped) {
      return skip(row, skipped.reason());
    }
    RowMapper.Mapped mapped = (RowMapper.Mapped) mapping;
    String firstReason = "";
    for (RowMapper.Attempt attempt : mapped.attempts()) {
      ServingStrategy strategy = explorer.strategy(attempt.scenario(), attempt.run());
      List<Candidate> candidates = new ArrayList<>();
      strategy.enumerate(candidates::add);
      if (candidates.size() != 1) {
        return skip(
            row,
            "the narrowed options enumerate " + candidates.size() + " candidates instead of 1");
      }
      ServingResult result = strategy.evaluate(candidates.get(0));
      if (!result.feasible()) {
        if (firstReason.isEmpty()) {
          firstReason = result.reason();
        }
        continue;
      }
      if (simulation != null) {
        return simulate(row, attempt, strategy, candidates.get(0), result, simulation);
      }
      return new RowResult(
          row,
          true,
          "",
          result.timeToFirstToken().seconds() * 1000,
          result.timePerOutputToken().seconds() * 1000,
          result.knobs(),
          attempt.assumptions(),
          costModel);
    }
    return skip(row, "infeasible: " + firstReason);
  }

  /**
   * {@return the row predicted by simulating its feasible candidate: a closed loop of the row's
   * concurrency clients without think time, {@code requests-per-client} fixed-length requests each
   * (capped), the simulated mean TTFT and TPOT}
   */
  private RowResult simulate(
      SiliconRow row,
      RowMapper.Attempt attempt,
      ServingStrategy strategy,
      Candidate candidate,
      ServingResult closedForm,
      ValidationSimulation settings) {
    String strategyId = attempt.run().strategyId();
    if (!SimulationTarget.simulates(strategyId)) {
      return skip(row, "not simulated: strategy '" + strategyId + "' is not simulated");
    }
    if (row.concurrency() < 1) {
      return skip(row, "not simulated: the row has no concurrency (clients of the closed loop)");
    }
    SimulationTarget target;
    try {
      target =
          SimulationTarget.of(
              engine,
              explorer,
              attempt.scenario(),
              attempt.run(),
              strategy,
              candidate,
              kernelCostModel,
              networkModels.apply(attempt.scenario().cluster()));
    } catch (AfdConfigurationException e) {
      return skip(row, "not simulated: " + e.getMessage());
    }
    long clients = row.concurrency();
    long perClient = settings.requestsPerClient(clients, assumed.requestsPerClient());
    WorkloadSpec workload = attempt.scenario().workload();
    SimulationSpec spec =
        new SimulationSpec(
            new Arrivals.Closed((int) clients, 0),
            clients * perClient,
            new LengthDistribution.Fixed(workload.inputTokens()),
            new LengthDistribution.Fixed(workload.outputTokens()),
            workload.prefixTokens(),
            1,
            settings.seed(),
            attempt.scenario().slo());
    SimulationResult simulated = Simulation.run(target.deployment(), spec, null);
    if (simulated.rejected() > 0 || simulated.timePerOutputToken().requests() == 0) {
      return skip(
          row,
          "not simulated: a request's final context exceeds a rank's KV cache ("
              + simulated.rejected()
              + " of "
              + spec.requests()
              + " rejected)");
    }
    String described = settings.describe(clients, perClient, assumed.requestsPerClient());
    return new RowResult(
        row,
        true,
        "",
        simulated.timeToFirstToken().mean() * 1000,
        simulated.timePerOutputToken().mean() * 1000,
        closedForm.knobs(),
        attempt.assumptions().isEmpty() ? described : attempt.assumptions() + "; " + described,
        costModel);
  }

  private RowResult skip(SiliconRow row, String reason) {
    return new RowResult(row, false, reason, Double.NaN, Double.NaN, Map.of(), "", costModel);
  }
}

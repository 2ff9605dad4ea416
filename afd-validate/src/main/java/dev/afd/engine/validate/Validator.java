package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Explorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates every silicon row with one kernel cost model: maps it ({@link RowMapper}), builds the
 * narrowed strategy, evaluates the single candidate it enumerates and keeps the first feasible
 * attempt. Thread-safe; rows are evaluated in parallel and returned in input order.
 */
public final class Validator {
  private final RowMapper mapper;
  private final Explorer explorer;
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
    this.mapper = new RowMapper(requireNonNull(engine, "engine"), assumed);
    this.costModel = kernelCostModel.id();
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

  private RowResult skip(SiliconRow row, String reason) {
    return new RowResult(row, false, reason, Double.NaN, Double.NaN, Map.of(), "", costModel);
  }
}

package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdException;
import dev.afd.api.AfdPluginException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.Candidate;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.ServingStrategy;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.internal.ProviderLoader;
import dev.afd.engine.recipe.ServingRecipe;
import dev.afd.spi.Conventions;
import dev.afd.spi.StrategyContext;
import dev.afd.spi.StrategyOptions;
import dev.afd.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Searches a scenario's design space: each strategy enumerates its candidates, which are evaluated
 * in parallel batches and folded in enumeration order, so results are identical whatever the thread
 * count; memory stays bounded by the batch size however many candidates there are. Every result
 * passes a {@link ResultAudit}: a feasible result whose memory or layout cannot be right is turned
 * infeasible, with a reason naming the strategy.
 *
 * <p>Thread-safe for one run at a time.
 */
public final class Explorer {
  /** Candidates evaluated per parallel batch. */
  static final int BATCH_SIZE = 4096;

  /**
   * The most evaluation threads: 1024. More than any current server has hardware threads (two
   * 192-core sockets with SMT give 768), so more only adds idle stacks; 100 000 of them failed to
   * start.
   */
  public static final int MAX_THREADS = 1024;

  private final AfdEngine engine;
  private final KernelCostModel kernelCostModel;
  private final Function<ClusterSpec, NetworkModel> networkModels;
  private final int threads;
  private final AtomicBoolean cancelled;
  private final Consumer<Long> progress;
  private final @Nullable ServingRecipe recipe;
  private final Conventions conventions;

  private Explorer(Builder builder) {
    this.engine = requireNonNull(builder.engine, "engine");
    this.kernelCostModel = requireNonNull(builder.kernelCostModel, "kernelCostModel");
    this.networkModels = requireNonNull(builder.networkModels, "networkModels");
    this.threads = builder.threads;
    this.cancelled = builder.cancelled;
    this.progress = builder.progress;
    this.recipe = builder.recipe;
    this.conventions = builder.conventions;
  }

  /** {@return the conventions strategies price under} */
  public Conventions conventions() {
    return conventions;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the strategy for one scenario, parsing the run's options.
   *
   * @throws dev.afd.api.AfdConfigurationException for an unknown strategy or a bad option
   */
  public ServingStrategy strategy(Scenario scenario, StrategyRun run) {
    StrategyProvider provider = engine.strategy(run.strategyId());
    Map<String, String> raw = run.options();
    MoeModelSpec model = servedModel(scenario);
    if (recipe != null) {
      raw = recipeDefaults(provider, raw);
    }
    StrategyOptions options = StrategyOptions.parse(run.strategyId(), provider.options(), raw);
    StrategyContext context =
        StrategyContext.builder()
            .model(model)
            .cluster(scenario.cluster())
            .workload(scenario.workload())
            .slo(scenario.slo())
            .deviceBudget(scenario.deviceBudget())
            .kernelCostModel(kernelCostModel)
            .networkModel(networkModels.apply(scenario.cluster()))
            .options(options)
            .conventions(conventions)
            .build();
    try {
      return provider.create(context);
    } catch (AfdException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw pluginFailure(run.strategyId(), "create()", e);
    }
  }

  /**
   * Evaluates one candidate as the explorer does: the result passes the {@link ResultAudit}, and a
   * strategy that throws is reported as a plugin failure naming it and its jar.
   *
   * @param scenario the scenario the strategy was built for
   * @param strategyId the strategy's id
   * @param strategy the strategy, from {@link #strategy}
   * @param candidate one of its candidates
   * @return the audited result
   */
  public ServingResult evaluate(
      Scenario scenario, String strategyId, ServingStrategy strategy, Candidate candidate) {
    ServingResult result;
    try {
      result = strategy.evaluate(candidate);
    } catch (AfdException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw pluginFailure(strategyId, "evaluate()", e);
    }
    return new ResultAudit(strategyId, servedModel(scenario), scenario.cluster()).check(result);
  }

  /** {@return an error naming the strategy, its provider class and jar, and the root cause} */
  private AfdPluginException pluginFailure(String strategyId, String where, Throwable error) {
    return new AfdPluginException(
        "Strategy '"
            + strategyId
            + "' ("
            + engine.strategyOrigin(strategyId)
            + ") failed in "
            + where
            + ": "
            + ProviderLoader.rootMessageAndFrame(
                error, engine.strategy(strategyId).getClass().getPackageName()),
        error);
  }

  /**
   * {@return the scenario's model in the formats the recipe serves it in (the catalog model when
   * there is no recipe)}
   */
  public MoeModelSpec servedModel(Scenario scenario) {
    return recipe == null
        ? scenario.model()
        : recipe.apply(scenario.model(), null, null, scenario.cluster().primary().accelerator());
  }

  /** {@return the run's options plus the recipe's layout rule where the strategy declares it} */
  private Map<String, String> recipeDefaults(StrategyProvider provider, Map<String, String> raw) {
    if (recipe.combinesAttentionTensorAndDataParallel()
        || raw.containsKey(ATTENTION_LAYOUTS)
        || provider.options().stream().noneMatch(spec -> spec.key().equals(ATTENTION_LAYOUTS))) {
      return raw;
    }
    Map<String, String> options = new LinkedHashMap<>(raw);
    options.put(ATTENTION_LAYOUTS, "tp-or-dp");
    return options;
  }

  /** The option of built-in strategies that restricts attention layouts to what a backend runs. */
  static final String ATTENTION_LAYOUTS = "attention-layouts";

  /**
   * Runs every strategy on the scenario.
   *
   * @param scenario the scenario
   * @param runs the strategies, in the order to report them
   * @param everyResult receives every result in enumeration order (for results.csv)
   * @return the outcome per strategy
   * @throws CancellationException if the run was cancelled
   */
  public ScenarioResult explore(
      Scenario scenario, List<StrategyRun> runs, Consumer<ServingResult> everyResult) {
    requireNonNull(scenario, "scenario");
    requireNonNull(runs, "runs");
    requireNonNull(everyResult, "everyResult");
    List<ServingStrategy> strategies = new ArrayList<>();
    for (StrategyRun run : runs) {
      strategies.add(strategy(scenario, run));
    }
    MoeModelSpec model = servedModel(scenario);
    List<StrategyOutcome> outcomes = new ArrayList<>();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      for (int index = 0; index < runs.size(); index++) {
        OutcomeAccumulator accumulator =
            new OutcomeAccumulator(runs.get(index).strategyId(), scenario.slo());
        ResultAudit audit =
            new ResultAudit(runs.get(index).strategyId(), model, scenario.cluster());
        try {
          search(strategies.get(index), audit, pool, accumulator, everyResult, 0, Long.MAX_VALUE);
        } catch (AfdException | CancellationException e) {
          throw e;
        } catch (RuntimeException | LinkageError e) {
          throw pluginFailure(runs.get(index).strategyId(), "enumerate() or evaluate()", e);
        }
        outcomes.add(accumulator.outcome());
      }
    } finally {
      pool.shutdownNow();
    }
    return new ScenarioResult(scenario, outcomes);
  }

  /**
   * Counts the candidates a strategy enumerates in a scenario, without evaluating any: the length
   * of the enumeration {@link #exploreRange} slices.
   *
   * @param scenario the scenario
   * @param run the strategy
   * @return how many candidates it enumerates
   * @throws dev.afd.api.AfdConfigurationException for an unknown strategy or a bad option
   */
  public long candidateCount(Scenario scenario, StrategyRun run) {
    requireNonNull(scenario, "scenario");
    requireNonNull(run, "run");
    ServingStrategy strategy = strategy(scenario, run);
    long[] count = {0};
    try {
      strategy.enumerate(candidate -> count[0]++);
    } catch (AfdException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw pluginFailure(run.strategyId(), "enumerate()", e);
    }
    return count[0];
  }

  /**
   * Evaluates one contiguous slice of a strategy's deterministic enumeration: the candidates at
   * positions {@code from} (inclusive) to {@code to} (exclusive), counting from 0 in the order
   * {@link ServingStrategy#enumerate} yields them. The enumeration runs from its start (strategies
   * cannot seek) and stops at {@code to}; only the slice is evaluated. Adding the partials of
   * consecutive slices that cover the enumeration ({@link OutcomeAccumulator#add}) gives the
   * outcome {@link #explore} gives for the strategy, and their results, concatenated in slice
   * order, are the rows it hands {@code everyResult}.
   *
   * @param scenario the scenario
   * @param run the strategy
   * @param from the first candidate's position, at least 0
   * @param to the position after the last, at least {@code from}; past the end means to the end
   * @param everyResult receives each result of the slice in enumeration order
   * @return what the slice adds to the strategy's outcome
   * @throws CancellationException if the run was cancelled
   * @since 0.2
   */
  public OutcomeAccumulator.Partial exploreRange(
      Scenario scenario, StrategyRun run, long from, long to, Consumer<ServingResult> everyResult) {
    requireNonNull(scenario, "scenario");
    requireNonNull(run, "run");
    requireNonNull(everyResult, "everyResult");
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "candidate range must satisfy 0 <= from <= to, got [" + from + ", " + to + ")");
    }
    ServingStrategy strategy = strategy(scenario, run);
    OutcomeAccumulator accumulator = new OutcomeAccumulator(run.strategyId(), scenario.slo());
    ResultAudit audit =
        new ResultAudit(run.strategyId(), servedModel(scenario), scenario.cluster());
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      search(strategy, audit, pool, accumulator, everyResult, from, to);
    } catch (AfdException | CancellationException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw pluginFailure(run.strategyId(), "enumerate() or evaluate()", e);
    } finally {
      pool.shutdownNow();
    }
    return accumulator.partial();
  }

  /** Thrown into a strategy's enumeration to end it once a range is complete. */
  private static final class RangeComplete extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RangeComplete() {
      super("candidate range complete", null, false, false);
    }
  }

  private static boolean endsRange(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RangeComplete) {
        return true;
      }
    }
    return false;
  }

  private void search(
      ServingStrategy strategy,
      ResultAudit audit,
      ForkJoinPool pool,
      OutcomeAccumulator accumulator,
      Consumer<ServingResult> everyResult,
      long from,
      long to) {
    List<Candidate> batch = new ArrayList<>(BATCH_SIZE);
    long[] position = {0};
    try {
      strategy.enumerate(
          candidate -> {
            long index = position[0]++;
            if (index < from) {
              return;
            }
            if (index >= to) {
              throw new RangeComplete();
            }
            batch.add(candidate);
            if (batch.size() == BATCH_SIZE) {
              evaluate(strategy, audit, pool, batch, accumulator, everyResult);
              batch.clear();
            }
          });
    } catch (RuntimeException e) {
      // The slice is complete; the rest of the enumeration is not needed. A strategy that wraps
      // what its sink throws still ends the slice, not the run.
      if (!endsRange(e)) {
        throw e;
      }
    }
    if (!batch.isEmpty()) {
      evaluate(strategy, audit, pool, batch, accumulator, everyResult);
    }
  }

  private void evaluate(
      ServingStrategy strategy,
      ResultAudit audit,
      ForkJoinPool pool,
      List<Candidate> batch,
      OutcomeAccumulator accumulator,
      Consumer<ServingResult> everyResult) {
    if (cancelled.get()) {
      throw new CancellationException("exploration cancelled");
    }
    ServingResult[] results = new ServingResult[batch.size()];
    try {
      pool.submit(
              () ->
                  IntStream.range(0, batch.size())
                      .parallel()
                      .forEach(
                          index ->
                              results[index] = audit.check(strategy.evaluate(batch.get(index)))))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("exploration interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
    for (ServingResult result : results) {
      accumulator.offer(result);
      everyResult.accept(result);
    }
    progress.accept((long) results.length);
  }

  /** Configures an {@link Explorer}; not thread-safe. */
  public static final class Builder {
    private AfdEngine engine;
    private KernelCostModel kernelCostModel;
    private Function<ClusterSpec, NetworkModel> networkModels;
    private int threads = Runtime.getRuntime().availableProcessors();
    private AtomicBoolean cancelled = new AtomicBoolean();
    private Consumer<Long> progress = done -> {};
    private @Nullable ServingRecipe recipe;
    private Conventions conventions = Conventions.defaults();

    private Builder() {}

    /**
     * Sets the modelling conventions every strategy prices under (default: afd's own; see {@link
     * dev.afd.engine.conventions.ConventionProfiles}).
     *
     * @since 0.2
     */
    public Builder conventions(Conventions conventions) {
      this.conventions = requireNonNull(conventions, "conventions");
      return this;
    }

    /**
     * Sets the serving recipe whose formats (block-scaled FP8, KV-cache format, …) the model runs
     * in and whose layout rule the strategies enumerate under; none by default (the catalog model
     * as is, every layout).
     */
    public Builder recipe(@Nullable ServingRecipe recipe) {
      this.recipe = recipe;
      return this;
    }

    /** Sets the engine that supplies strategies. */
    public Builder engine(AfdEngine engine) {
      this.engine = engine;
      return this;
    }

    /** Sets the kernel cost model. */
    public Builder kernelCostModel(KernelCostModel kernelCostModel) {
      this.kernelCostModel = kernelCostModel;
      return this;
    }

    /** Sets how a network model is made for a cluster. */
    public Builder networkModels(Function<ClusterSpec, NetworkModel> networkModels) {
      this.networkModels = networkModels;
      return this;
    }

    /**
     * Sets the evaluation threads (default: available processors).
     *
     * @throws IllegalArgumentException unless {@code 1 <= threads <= MAX_THREADS}
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException(
            "threads must be between 1 and "
                + MAX_THREADS
                + " (Explorer.MAX_THREADS), got '"
                + threads
                + "'");
      }
      this.threads = threads;
      return this;
    }

    /** Sets a flag that, once true, stops the run at the next batch. */
    public Builder cancelled(AtomicBoolean cancelled) {
      this.cancelled = requireNonNull(cancelled, "cancelled");
      return this;
    }

    /** Sets a listener told how many candidates each batch evaluated. */
    public Builder progress(Consumer<Long> progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    /** {@return the explorer} */
    public Explorer build() {
      return new Explorer(this);
    }
  }
}

package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.conventions.Attribution;
import dev.afd.engine.conventions.ConventionProfiles;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.explore.StudyFiles;
import dev.afd.engine.explore.StudyResult;
import dev.afd.engine.explore.StudyRunner;
import dev.afd.engine.explore.StudySpec;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.AttributionReport;
import dev.afd.engine.report.ExploreOutputs;
import dev.afd.engine.report.StudyReport;
import dev.afd.simulate.RefineReport;
import dev.afd.simulate.Refinement;
import dev.afd.spi.Conventions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd explore}: SLO-constrained search across strategies. */
@Command(
    name = "explore",
    description =
        "Search every strategy's deployments for a model, system and workloads; report the best"
            + " tokens/s/GPU under the SLO and the Pareto frontier.")
final class ExploreCommand implements Callable<Integer> {
  /** Exit status after Ctrl-C or SIGTERM: 128 + SIGINT, the shell's convention for Ctrl-C. */
  static final int EXIT_CANCELLED = 130;

  /**
   * How long a signal waits for the search to stop at its next batch and remove its staging
   * directory before the hook removes it itself: a batch takes well under a second.
   */
  private static final long CANCEL_GRACE_SECONDS = 10;

  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Mixin ExploreOptions common;

  @Option(names = "--study", paramLabel = "NAME", description = "Built-in study: paper-b200.")
  String study;

  @Option(
      names = "--study-file",
      paramLabel = "FILE",
      description = "Study file (YAML or JSON): models, systems, workloads, strategies, options.")
  Path studyFile;

  @Option(names = "--model", paramLabel = "ID", description = "Model id (repeatable).")
  List<String> models = new ArrayList<>();

  @Option(names = "--system", paramLabel = "ID", description = "System id, for example b200-nvl8.")
  String system;

  @Option(
      names = "--cluster",
      paramLabel = "ID",
      description = ConfigurationOptions.CLUSTER_DESCRIPTION)
  String cluster;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      description =
          "GPU budget (default: every device of the --system or --cluster, or the study's"
              + " budget).")
  Integer gpus;

  @Option(
      names = "--workload",
      paramLabel = "PRESET",
      split = ",",
      description = "Workload presets: chat, coding, agentic-coding.")
  List<String> workloads = new ArrayList<>();

  @Option(names = "--prefix", paramLabel = "TOKENS", description = "Reused prefix tokens.")
  Long prefix;

  @Option(names = "--isl", paramLabel = "TOKENS", description = "Input tokens to prefill.")
  Long inputTokens;

  @Option(names = "--osl", paramLabel = "TOKENS", description = "Output tokens to decode.")
  Long outputTokens;

  @Option(names = "--ttft", paramLabel = "TIME", description = "TTFT limit, for example \"50 ms\".")
  String ttft;

  @Option(names = "--tpot", paramLabel = "TIME", description = "TPOT limit, for example \"15 ms\".")
  String tpot;

  @Option(
      names = "--strategies",
      paramLabel = "IDS",
      split = ",",
      description = "Strategies to compare (default: agg,pd,agg-afd,pd-afd).")
  List<String> strategies = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Evaluation threads.")
  Integer threads;

  @Option(
      names = "--attribution",
      description =
          "Also explain where the other conventions profile (aic under afd, afd under aic)"
              + " disagrees: re-run each workload × strategy switching one assumption at a time"
              + " and cumulatively; printed after the results, in --json, and as"
              + " attribution.csv and attribution.json in --out.")
  boolean attribution;

  @Option(
      names = "--refine",
      paramLabel = "K",
      description =
          "Simulate the best K candidates per strategy meeting the SLO (closed loop at each"
              + " candidate's concurrency) and re-rank them by simulated goodput (docs/simulate.md).")
  Integer refine;

  @Option(
      names = "--slo-percentile",
      paramLabel = "P",
      defaultValue = "90",
      description =
          "With --refine: the percent of requests that must meet both TTFT and TPOT limits"
              + " (default 90).")
  double sloPercentile;

  @Option(
      names = "--refine-requests",
      paramLabel = "N",
      defaultValue = "2000",
      description = "With --refine: requests per simulated candidate (default 2000, seed 1).")
  long refineRequests;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write results.csv, frontier.csv, summary.json and report.html into DIR (atomically).")
  Path out;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description =
          "Run the --study-file on Apache Spark: local[N] or a master URL (spark://, k8s://, yarn)."
              + " Starts a JVM with afd-spark and Spark's jars (--spark-classpath); same tables,"
              + " --json and --out files (docs/spark.md).")
  String spark;

  @Option(
      names = "--spark-classpath",
      paramLabel = "PATHS",
      description =
          "With --spark: jars and directories of jars holding afd-spark, its libraries and Spark,"
              + " separated by the path separator (default: $"
              + SparkLauncher.ENVIRONMENT
              + ", else afd-spark/target beside this afd).")
  String sparkClassPath;

  @Option(
      names = "--max-candidates-per-task",
      paramLabel = "N|auto|off",
      description =
          "With --spark: cut scenarios with more candidates into ranges of at most N per task"
              + " (default auto: the study's candidates over the partitions; off: one task per"
              + " scenario).")
  String maxCandidatesPerTask;

  @Option(
      names = "--parquet",
      paramLabel = "PATH",
      description =
          "With --spark: write the rows with Spark's Parquet writer to PATH (any path Spark"
              + " writes: a directory, hdfs://, s3a://); --out then gets frontier.csv,"
              + " summary.json and report.html.")
  String parquet;

  @Option(
      names = "--rows",
      paramLabel = "all|feasible|frontier",
      description = "With --parquet: every candidate (default), feasible ones, or frontier rows.")
  String rows;

  @Override
  public Integer call() {
    if (spark != null) {
      return runOnSpark();
    }
    if (maxCandidatesPerTask != null || parquet != null || rows != null || sparkClassPath != null) {
      throw new AfdConfigurationException(
          "Options --spark-classpath, --max-candidates-per-task, --parquet and --rows need --spark");
    }
    checkRefine();
    AfdEngine engine = root.engine();
    StudySpec studySpec = studySpec();
    AtomicBoolean cancelled = new AtomicBoolean();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err);
    Explorer.Builder explorer =
        Explorer.builder()
            .engine(engine)
            .kernelCostModel(root.kernelCostModel())
            .recipe(root.servingRecipe())
            .conventions(studySpec.conventions())
            .networkModels(common.networkModels())
            .cancelled(cancelled)
            .progress(progress::advance);
    if (threads != null) {
      explorer.threads(Limits.threads(threads));
    }
    Explorer searching = explorer.build();
    StudyRunner runner = new StudyRunner(searching, engine::model, engine::system);
    Map<Scenario, Refinement.Best> best = new LinkedHashMap<>();
    Function<StudySpec, StudyResult> rerun =
        spec -> {
          StudyRunner other =
              new StudyRunner(
                  explorer.conventions(spec.conventions()).build(), engine::model, engine::system);
          List<Scenario> otherScenarios =
              cluster == null
                  ? other.scenarios(spec)
                  : other.scenarios(spec, engine.cluster(cluster));
          return other.run(spec, otherScenarios, scenario -> candidate -> {});
        };
    List<Scenario> scenarios =
        cluster == null
            ? runner.scenarios(studySpec)
            : runner.scenarios(studySpec, engine.cluster(cluster));
    // The hook goes in before the staging directory is made, so no signal can strand it.
    Cancellation cancellation = new Cancellation(cancelled, err);
    Runtime.getRuntime().addShutdownHook(cancellation.hook);
    StudyResult result;
    Attribution.Report attributionReport = null;
    ExploreOutputs outputs = null;
    try {
      // Open the output directory before searching, so an unwritable --out fails at once.
      outputs = out == null ? null : cancellation.outputs(ExploreOutputs.open(out));
      ExploreOutputs written = outputs;
      result =
          runner.run(
              studySpec,
              scenarios,
              scenario -> {
                Consumer<ServingResult> sink =
                    written == null ? candidate -> {} : written.results(scenario);
                if (refine == null) {
                  return sink;
                }
                Refinement.Best kept = new Refinement.Best(refine, scenario.slo());
                best.put(scenario, kept);
                return sink.andThen(kept);
              });
      if (attribution) {
        attributionReport =
            Attribution.run(
                studySpec,
                result,
                ConventionProfiles.other(ConventionProfiles.baseProfile(studySpec.conventions())),
                rerun);
      }
      if (outputs != null) {
        outputs.finish(result, attributionReport);
      }
    } catch (CancellationException e) {
      progress.finish();
      if (outputs != null) {
        outputs.close(); // before the message, so "cancelled" means "and cleaned up"
      }
      cancellation.announce();
      return EXIT_CANCELLED;
    } finally {
      if (outputs != null) {
        outputs.close();
      }
      cancellation.stopped();
      try {
        Runtime.getRuntime().removeShutdownHook(cancellation.hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting because of a signal; the hook finishes the job.
      }
    }
    progress.finish();
    Map<Scenario, Map<String, List<Refinement.Ranked>>> refined =
        refine == null ? Map.of() : refine(engine, searching, studySpec, best);
    PrintWriter print = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>(StudyReport.json(result));
      if (attributionReport != null) {
        summary.put("attribution", AttributionReport.json(attributionReport));
      }
      if (refine != null) {
        summary.put("refined", RefineReport.json(refined, sloPercentile));
      }
      print.print(Json.write(summary));
    } else {
      print.print(StudyReport.console(result));
      if (refine != null) {
        print.print(RefineReport.console(refined, sloPercentile, refineRequests));
      }
      if (attributionReport != null) {
        print.print(AttributionReport.console(attributionReport));
        print.println();
      }
      print.printf(
          Locale.ROOT,
          "Searched %d candidates in %.2f s; step time: %s (%s)%n",
          result.candidates(),
          result.elapsedSeconds(),
          StudyReport.fidelitySummary(result),
          root.kernelCostModelLabel()
              + (studySpec.conventions().isDefault()
                  ? ""
                  : "; conventions: " + studySpec.conventions().profile()));
      if (out != null) {
        print.println(
            "Wrote "
                + String.join(", ", ExploreOutputs.FILES)
                + (attributionReport == null
                    ? ""
                    : ", " + String.join(", ", ExploreOutputs.ATTRIBUTION_FILES))
                + " to "
                + out);
      }
    }
    return 0;
  }

  /**
   * Runs the study file on Spark in a child JVM (afd's own class path never holds Spark) and
   * returns its exit status; the child prints what this command prints.
   */
  private int runOnSpark() {
    List<String> unsupported = new ArrayList<>();
    addIf(unsupported, study != null, "--study");
    addIf(unsupported, !models.isEmpty(), "--model");
    addIf(unsupported, system != null, "--system");
    addIf(unsupported, cluster != null, "--cluster");
    addIf(unsupported, gpus != null, "--gpus");
    addIf(unsupported, !workloads.isEmpty(), "--workload");
    addIf(
        unsupported,
        prefix != null || inputTokens != null || outputTokens != null,
        "--prefix/--isl/--osl");
    addIf(unsupported, ttft != null || tpot != null, "--ttft/--tpot");
    addIf(unsupported, !strategies.isEmpty(), "--strategies");
    addIf(unsupported, threads != null, "--threads");
    addIf(unsupported, attribution, "--attribution");
    addIf(unsupported, common.hasSettings(), "--network/--set");
    addIf(unsupported, root.hasEngineFiles(), "--hardware-file/--model-file/--kernel-db");
    addIf(unsupported, root.hasConventionOptions(), "--roofline/--conventions/--convention");
    if (!unsupported.isEmpty()) {
      throw new AfdConfigurationException(
          "Option(s) "
              + String.join(", ", unsupported)
              + " cannot be combined with --spark: a Spark run takes everything from the"
              + " --study-file (docs/spark.md)");
    }
    if (studyFile == null) {
      throw new AfdConfigurationException("Option --spark needs --study-file FILE");
    }
    if (!java.nio.file.Files.isRegularFile(studyFile)) {
      throw new AfdConfigurationException("Study file '" + studyFile + "' does not exist");
    }
    if (rows != null && parquet == null) {
      throw new AfdConfigurationException("Option --rows needs --parquet");
    }
    List<Path> classPath =
        SparkLauncher.classPath(
            sparkClassPath, System.getenv(SparkLauncher.ENVIRONMENT), SparkLauncher.cliLocation());
    // Plugin jars join the class path: discovery on the driver and in local executors sees them.
    for (Path plugin : root.pluginPath) {
      SparkLauncher.expand(plugin, classPath);
    }
    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("--backend", root.backend()));
    if (maxCandidatesPerTask != null) {
      arguments.addAll(List.of("--max-candidates-per-task", maxCandidatesPerTask));
    }
    if (parquet != null) {
      arguments.addAll(List.of("--parquet", parquet));
    }
    if (rows != null) {
      arguments.addAll(List.of("--rows", rows));
    }
    if (json) {
      arguments.add("--json");
    }
    if (refine != null) {
      checkRefine();
      arguments.addAll(
          List.of(
              "--refine",
              refine.toString(),
              "--slo-percentile",
              Double.toString(sloPercentile),
              "--refine-requests",
              Long.toString(refineRequests)));
    }
    arguments.add(studyFile.toAbsolutePath().toString());
    arguments.add(spark);
    if (out != null) {
      arguments.add(out.toAbsolutePath().toString());
    }
    return SparkLauncher.run(
        SparkLauncher.command(classPath, arguments),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private static void addIf(List<String> names, boolean given, String name) {
    if (given) {
      names.add(name);
    }
  }

  private void checkRefine() {
    if (refine != null && refine < 1) {
      throw new AfdConfigurationException(
          "Option --refine '" + refine + "' must be at least 1 (candidates per strategy)");
    }
    if (!(sloPercentile > 0 && sloPercentile <= 100)) {
      throw new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Option --slo-percentile '%s' must be a percent above 0 and at most 100",
              sloPercentile));
    }
    if (refineRequests < 1) {
      throw new AfdConfigurationException(
          "Option --refine-requests '" + refineRequests + "' must be at least 1");
    }
  }

  /** {@return per scenario and strategy, the best candidates simulated and re-ranked} */
  private Map<Scenario, Map<String, List<Refinement.Ranked>>> refine(
      AfdEngine engine,
      Explorer searching,
      StudySpec studySpec,
      Map<Scenario, Refinement.Best> best) {
    Map<Scenario, Map<String, List<Refinement.Ranked>>> refined = new LinkedHashMap<>();
    best.forEach(
        (scenario, kept) -> {
          Map<String, List<Refinement.Ranked>> byStrategy = new LinkedHashMap<>();
          for (StrategyRun run : studySpec.strategies()) {
            byStrategy.put(
                run.strategyId(),
                Refinement.refine(
                        engine,
                        searching,
                        scenario,
                        run,
                        kept.of(run.strategyId()),
                        sloPercentile,
                        refineRequests,
                        1,
                        root.kernelCostModel(),
                        common.networkModels().apply(scenario.cluster()))
                    .stream()
                    .map(Refinement.Refined::ranked)
                    .toList());
          }
          refined.put(scenario, byStrategy);
        });
    return refined;
  }

  private StudySpec studySpec() {
    StudySpec base = null;
    if (study != null && studyFile != null) {
      throw new AfdConfigurationException(
          "Options --study and --study-file contradict each other; give one of them");
    }
    if (studyFile != null) {
      base = StudyFiles.read(studyFile, root.engine());
    }
    if (study != null) {
      base =
          StudySpec.builtIn(study)
              .orElseThrow(
                  () ->
                      new AfdConfigurationException(
                          "Unknown study '"
                              + study
                              + "'. Known studies: "
                              + StudySpec.builtInNames()));
    }
    List<String> modelIds = !models.isEmpty() ? models : base == null ? List.of() : base.models();
    if (modelIds.isEmpty()) {
      throw new AfdConfigurationException(
          "No model given; use --model ID (see 'afd model list') or --study paper-b200");
    }
    List<StudySpec.SystemBudget> systems;
    if (cluster != null) {
      if (system != null || study != null) {
        throw new AfdConfigurationException(
            "Option --cluster replaces --system and --study; give one of them");
      }
      int budget =
          gpus != null
              ? Limits.devices("--gpus", gpus)
              : root.engine().cluster(cluster).deviceCount();
      ClusterBudget.check(root.engine().cluster(cluster), budget);
      systems = List.of(new StudySpec.SystemBudget(cluster, budget));
    } else if (system != null || gpus != null) {
      String systemId =
          system != null ? system : base != null ? base.systems().get(0).system() : null;
      if (systemId == null) {
        throw new AfdConfigurationException(
            "No system given; use --system ID (see 'afd hardware list')");
      }
      // Without --gpus: every device of the --system, or the study's budget.
      int budget =
          gpus != null
              ? Limits.devices("--gpus", gpus)
              : system != null
                  ? root.engine().system(systemId).deviceCount()
                  : base.systems().get(0).devices();
      systems = List.of(new StudySpec.SystemBudget(systemId, budget));
    } else if (base != null) {
      systems = base.systems();
    } else {
      throw new AfdConfigurationException("No system given; use --system ID and --gpus N");
    }
    List<StudySpec.WorkloadSlo> workloadSlos = workloads(base);
    List<String> strategyIds =
        !strategies.isEmpty()
            ? Limits.strategyIds(strategies)
            : base != null
                ? base.strategies().stream().map(run -> run.strategyId()).toList()
                : StudySpec.referenceStrategies();
    // Explicit flags win over the study file, which wins over the defaults.
    if (common.network == null) {
      common.network = base != null ? base.network() : "analytical";
    }
    return new StudySpec(
        base != null ? base.name() : "custom",
        modelIds,
        systems,
        workloadSlos,
        common.runs(strategyIds, base == null ? List.of() : base.strategies()),
        common.network,
        root.conventions(base == null ? Conventions.defaults() : base.conventions()));
  }

  private List<StudySpec.WorkloadSlo> workloads(StudySpec base) {
    boolean explicit = prefix != null || inputTokens != null || outputTokens != null;
    if (explicit && !workloads.isEmpty()) {
      throw new AfdConfigurationException(
          "Options --workload and --prefix/--isl/--osl contradict each other; give a preset or an"
              + " explicit workload, not both");
    }
    List<StudySpec.WorkloadSlo> chosen = new ArrayList<>();
    if (explicit) {
      if (inputTokens == null || outputTokens == null) {
        throw new AfdConfigurationException(
            "An explicit workload needs both --isl and --osl (and optionally --prefix)");
      }
      chosen.add(strict(Limits.customWorkload(prefix, inputTokens, outputTokens)));
    } else if (!workloads.isEmpty()) {
      for (String id : workloads) {
        chosen.add(strict(WorkloadSpec.preset(id)));
      }
    } else if (base != null) {
      // A study keeps its own SLO per workload (strict for presets unless the file says otherwise).
      chosen.addAll(base.workloads());
    } else {
      chosen.add(strict(WorkloadSpec.CHAT));
    }
    List<StudySpec.WorkloadSlo> result = new ArrayList<>();
    for (StudySpec.WorkloadSlo workload : chosen) {
      SloSpec slo = workload.slo();
      TimeSpan ttftLimit = ttft == null ? slo.timeToFirstToken() : time("--ttft", ttft);
      TimeSpan tpotLimit = tpot == null ? slo.timePerOutputToken() : time("--tpot", tpot);
      result.add(new StudySpec.WorkloadSlo(workload.workload(), new SloSpec(ttftLimit, tpotLimit)));
    }
    return result;
  }

  private static StudySpec.WorkloadSlo strict(WorkloadSpec workload) {
    return new StudySpec.WorkloadSlo(workload, SloSpec.strict(workload));
  }

  private static TimeSpan time(String option, String text) {
    try {
      return TimeSpan.parse(text);
    } catch (AfdConfigurationException e) {
      throw new AfdConfigurationException("Option " + option + ": " + e.getMessage(), e);
    }
  }

  /**
   * What Ctrl-C or SIGTERM does during a search: stop it, remove the staged output, print one line
   * and exit {@link #EXIT_CANCELLED}.
   *
   * <p>The JVM halts as soon as its shutdown hooks return, so the hook waits for the searching
   * thread to stop and clean up (bounded by {@link #CANCEL_GRACE_SECONDS}), discards the staged
   * output itself in case that thread did not get there, and halts with the exit status.
   */
  static final class Cancellation {
    final Thread hook;
    private final AtomicBoolean cancelled;
    private final PrintWriter err;
    private volatile @Nullable ExploreOutputs outputs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean announced = new AtomicBoolean();

    Cancellation(AtomicBoolean cancelled, PrintWriter err) {
      this.cancelled = cancelled;
      this.err = err;
      this.hook = new Thread(this::onSignal, "afd-cancel");
    }

    /** {@return {@code opened}, now also discarded by a signal} */
    ExploreOutputs outputs(ExploreOutputs opened) {
      this.outputs = opened;
      return opened;
    }

    /** Prints the one line, once, whichever thread gets here first. */
    void announce() {
      if (announced.compareAndSet(false, true)) {
        err.println("afd: cancelled");
        err.flush();
      }
    }

    /** Called by the searching thread when it is done, whether it finished or was cancelled. */
    void stopped() {
      stopped.countDown();
    }

    private void onSignal() {
      cancelled.set(true);
      try {
        stopped.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ExploreOutputs staged = outputs;
      if (staged != null) {
        staged.discard();
      }
      announce();
      // The signal's own status would be 143 for SIGTERM; one documented status is simpler.
      Runtime.getRuntime().halt(EXIT_CANCELLED);
    }
  }

  /** A progress bar on a terminal, shown once a run takes longer than two seconds. */
  static final class Progress {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private boolean shown;

    Progress(PrintWriter err) {
      this.err = err;
    }

    void advance(long candidates) {
      long total = done.addAndGet(candidates);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (terminal && seconds > 2) {
        shown = true;
        err.printf(Locale.ROOT, "\r  %,d candidates evaluated (%.0f/s) ", total, total / seconds);
        err.flush();
      }
    }

    void finish() {
      if (shown) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
      }
    }
  }
}

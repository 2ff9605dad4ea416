package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.Scenario;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.OutputDirectory;
import dev.afd.simulate.Arrivals;
import dev.afd.simulate.LengthDistribution;
import dev.afd.simulate.Simulation;
import dev.afd.simulate.SimulationHtml;
import dev.afd.simulate.SimulationReport;
import dev.afd.simulate.SimulationResult;
import dev.afd.simulate.SimulationSpec;
import dev.afd.simulate.SimulationTarget;
import dev.afd.simulate.TraceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd simulate}: one configuration under request-level traffic (docs/simulate.md). */
@Command(
    name = "simulate",
    description =
        "Simulate one fully specified agg, pd, agg-afd or pd-afd configuration request by request"
            + " (one event per scheduler iteration, iterations priced as the strategy prices its"
            + " steps, AFD units as their micro-batch pipeline, MTP as the strategy speculates):"
            + " TTFT, TPOT and end-to-end percentiles, throughput and goodput.")
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Mixin ExploreOptions common;

  @Mixin ConfigurationOptions configuration;

  @Option(
      names = "--arrivals",
      paramLabel = "PROCESS",
      description =
          "poisson:RATE (requests/s, open loop) or closed:N[:THINK] (N clients, exponential think"
              + " time of mean THINK seconds, default 0).")
  String arrivals;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "Replay a trace (docs/simulate.md) instead of --arrivals.")
  Path trace;

  @Option(
      names = "--trace-format",
      paramLabel = "FORMAT",
      defaultValue = "afd",
      description =
          "Format of --trace: afd (afd's JSONL, default), mooncake (Mooncake's JSONL, prefixes from"
              + " shared leading 512-token hash blocks) or azure (Azure's LLM inference CSV).")
  String traceFormat;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Requests to simulate (default 10000; a trace may end sooner).")
  long requests;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of every random draw (default 1).")
  long seed;

  @Option(
      names = "--input-lengths",
      paramLabel = "DIST",
      description =
          "Prompt tokens per request: N, uniform:LOW:HIGH or lognormal:MEDIAN:SIGMA (default: the"
              + " workload's isl).")
  String inputLengths;

  @Option(
      names = "--output-lengths",
      paramLabel = "DIST",
      description = "Output tokens per request, as --input-lengths (default: the workload's osl).")
  String outputLengths;

  @Option(
      names = "--prefix-hit-rate",
      paramLabel = "SHARE",
      defaultValue = "1",
      description =
          "Probability that a request's prefix is cached (default 1): a miss prefills it too.")
  double prefixHitRate;

  @Option(names = "--tpot", paramLabel = "TIME", description = "TPOT limit for goodput.")
  String tpot;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write requests.csv (one row per request), summary.json and report.html (latency"
              + " CDFs, utilisation timeline), atomically.")
  Path out;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Arrivals process = arrivals();
    if (requests < 1) {
      throw new AfdConfigurationException(
          "Option --requests '" + requests + "' must be at least 1");
    }
    if (!(prefixHitRate >= 0 && prefixHitRate <= 1)) {
      throw new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Option --prefix-hit-rate '%s' must be a share from 0 to 1",
              prefixHitRate));
    }
    AfdEngine engine = root.engine();
    Scenario scenario = configuration.scenario(engine);
    WorkloadSpec workload = scenario.workload();
    LengthDistribution input =
        inputLengths == null
            ? new LengthDistribution.Fixed(workload.inputTokens())
            : LengthDistribution.parse("--input-lengths", inputLengths);
    LengthDistribution output =
        outputLengths == null
            ? new LengthDistribution.Fixed(workload.outputTokens())
            : LengthDistribution.parse("--output-lengths", outputLengths);
    SloSpec slo = scenario.slo();
    if (tpot != null) {
      slo = new SloSpec(slo.timeToFirstToken(), TimeSpan.parse(tpot));
    }
    KernelCostModel costModel = root.kernelCostModel();
    Explorer explorer = common.singleConfiguration(root);
    StrategyRun run = common.runs(List.of(configuration.strategy)).get(0);
    SimulationTarget target =
        SimulationTarget.of(
            engine,
            explorer,
            scenario,
            run,
            costModel,
            common.networkModels().apply(scenario.cluster()));
    SimulationSpec simulation =
        new SimulationSpec(
            process, requests, input, output, workload.prefixTokens(), prefixHitRate, seed, slo);
    SimulationResult result =
        out == null ? simulate(target, simulation) : write(target, simulation);
    PrintWriter console = spec.commandLine().getOut();
    if (json) {
      console.print(Json.write(SimulationReport.json(simulation, target, result)));
    } else {
      console.println("kernel cost model: " + root.kernelCostModelLabel());
      console.print(SimulationReport.console(simulation, target, result));
    }
    return 0;
  }

  private Arrivals arrivals() {
    if ((arrivals == null) == (trace == null)) {
      throw new AfdConfigurationException(
          arrivals == null
              ? "No arrivals given; use --arrivals poisson:RATE or closed:N, or --trace FILE"
              : "Option --trace replaces --arrivals; give one of them");
    }
    return trace != null
        ? new Arrivals.Trace(trace, TraceFormat.parse(traceFormat))
        : Arrivals.parse(arrivals);
  }

  private static SimulationResult simulate(SimulationTarget target, SimulationSpec simulation) {
    return Simulation.run(target.deployment(), simulation, null);
  }

  private SimulationResult write(SimulationTarget target, SimulationSpec simulation) {
    try (OutputDirectory directory = OutputDirectory.open(out)) {
      SimulationResult result;
      try (Writer requestsCsv = directory.writer("requests.csv")) {
        requestsCsv.write(SimulationReport.CSV_HEADER + "\n");
        result = Simulation.run(target.deployment(), simulation, SimulationReport.csv(requestsCsv));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      directory.write(
          "summary.json", Json.write(SimulationReport.json(simulation, target, result)));
      directory.write("report.html", SimulationHtml.render(simulation, target, result));
      directory.commit();
      return result;
    }
  }
}

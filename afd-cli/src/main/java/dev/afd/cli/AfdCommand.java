package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdPluginException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.conventions.ConventionProfiles;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.cost.KernelDatabases;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.recipe.Backend;
import dev.afd.engine.recipe.ServingRecipe;
import dev.afd.spi.Conventions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code afd} command: global options and the subcommands. */
@Command(
    name = "afd",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = AfdCommand.Version.class,
    description =
        "Finds the best way to serve a Mixture-of-Experts LLM on a cluster under latency targets:"
            + " aggregation, prefill/decode and attention-FFN disaggregation.",
    subcommands = {
      PluginsCommand.class,
      HardwareCommand.class,
      ModelCommand.class,
      ImportHfCommand.class,
      KernelDbCommand.class,
      NetworkCommand.class,
      ExploreCommand.class,
      EstimateCommand.class,
      SimulateCommand.class,
      ValidateCommand.class
    })
public final class AfdCommand {
  /** Exit status for bad input and broken plugins. */
  public static final int EXIT_USAGE = 2;

  @Option(
      names = "--plugin-path",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "PATH",
      description = "Extra plugin jars, or directories of jars (comma-separated).")
  List<Path> pluginPath = new ArrayList<>();

  @Option(
      names = "--hardware-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "A YAML or JSON file of custom accelerators, systems and clusters that join the"
              + " discovered hardware (repeatable; later files may refer to earlier ones).")
  List<Path> hardwareFiles = new ArrayList<>();

  @Option(
      names = "--model-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "A model spec file written by 'afd import-hf', or a Hugging Face config.json, whose model"
              + " joins the built-in models wherever a model id is accepted (repeatable).")
  List<Path> modelFiles = new ArrayList<>();

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean verbose;

  @Option(
      names = "--kernel-db",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "More measured kernel tables (AIConfigurator's 'systems' layout) that add to, and per"
              + " system and backend override, the shipped tables.")
  Path kernelDatabase;

  @Option(
      names = "--backend",
      scope = ScopeType.INHERIT,
      paramLabel = "ID",
      description =
          "Serving backend: its recipe (weight, KV-cache and attention formats, attention"
              + " layouts) and its measured kernel tables: trtllm (default), vllm or sglang. A"
              + " kernel family the backend has no table for uses the roofline.")
  String backend;

  @Option(
      names = "--roofline",
      scope = ScopeType.INHERIT,
      description = "Price every operator with the roofline instead of the measured kernel tables.")
  boolean roofline;

  @Option(
      names = "--conventions",
      scope = ScopeType.INHERIT,
      paramLabel = "PROFILE",
      description =
          "Modelling conventions where tools differ: afd (default, afd's own physics) or aic"
              + " (NVIDIA AIConfigurator's rules, the reference paper's framework); overrides a"
              + " study file's 'conventions'.")
  String conventions;

  @Option(
      names = "--convention",
      scope = ScopeType.INHERIT,
      paramLabel = "ID=PROFILE",
      description =
          "Switch one assumption to a profile's rule, for example agg-ttft=aic (repeatable;"
              + " assumptions: agg-ttft, agg-tpot, pd-ttft, pd-decode, pd-rate-matching,"
              + " afd-pipeline, memory).")
  List<String> conventionOverrides = new ArrayList<>();

  private AfdEngine engine;

  /** Where warnings go: standard error of the run. */
  private PrintWriter warnings = new PrintWriter(System.err, true);

  private KernelCostModel kernelCostModel;

  /** {@return whether --hardware-file, --model-file or --kernel-db was given} */
  boolean hasEngineFiles() {
    return !hardwareFiles.isEmpty() || !modelFiles.isEmpty() || kernelDatabase != null;
  }

  /** {@return whether --roofline, --conventions or --convention was given} */
  boolean hasConventionOptions() {
    return roofline || conventions != null || !conventionOverrides.isEmpty();
  }

  /** {@return the serving backend whose kernel tables are used} */
  String backend() {
    return backend == null
        ? MeasuredKernelCostModel.DEFAULT_BACKEND
        : KernelDatabases.checkBackend("--backend", backend);
  }

  /**
   * {@return the serving recipe of {@code --backend}: the formats (block-scaled FP8, KV-cache
   * format) and attention layouts the backend runs; applied with the roofline too, since it says
   * what runs, not how it is priced}
   */
  ServingRecipe servingRecipe() {
    return ServingRecipe.of(Backend.of(backend()));
  }

  /**
   * {@return the kernel cost model: the shipped measured tables (plus {@code --kernel-db}) for
   * {@code --backend}, roofline where they miss; the roofline alone with {@code --roofline}}
   */
  KernelCostModel kernelCostModel() {
    if (kernelCostModel == null) {
      String checkedBackend = backend();
      if (roofline && kernelDatabase != null) {
        throw new AfdConfigurationException(
            "Options --roofline and --kernel-db contradict each other; give one of them");
      }
      kernelCostModel =
          roofline
              ? KernelCostModels.roofline()
              : KernelCostModels.forEngine(engine(), kernelDatabase, checkedBackend);
    }
    return kernelCostModel;
  }

  /**
   * {@return what prices kernels, for output headers: {@code kernel tables: trtllm} or {@code
   * roofline}}
   */
  String kernelCostModelLabel() {
    return kernelCostModel() instanceof MeasuredKernelCostModel measured
        ? "kernel tables: " + measured.backend()
        : "roofline";
  }

  /**
   * {@return the conventions to price under: {@code --conventions} (else {@code base}, a study
   * file's), with each {@code --convention} override applied}
   *
   * @param base the conventions when {@code --conventions} is not given
   */
  Conventions conventions(Conventions base) {
    Conventions profile =
        conventions == null ? base : ConventionProfiles.profile(conventions, "--conventions");
    if (conventionOverrides.isEmpty()) {
      return profile;
    }
    return ConventionProfiles.override(
        profile,
        ConventionProfiles.parseOverrides("--convention", conventionOverrides),
        "--convention");
  }

  /** Rejects a bad {@code --backend} and contradicting options before any command runs. */
  private void checkGlobalOptions() {
    backend();
    conventions(Conventions.defaults());
    if (roofline && kernelDatabase != null) {
      throw new AfdConfigurationException(
          "Options --roofline and --kernel-db contradict each other; give one of them");
    }
  }

  /** {@return the engine, discovering plugins on first use} */
  AfdEngine engine() {
    if (engine == null) {
      engine =
          AfdEngine.builder()
              .discoverPlugins()
              .pluginPath(pluginPath)
              .hardwareFiles(hardwareFiles)
              .modelFiles(modelFiles)
              .build();
      for (String warning : engine.warnings()) {
        warnings.println("afd: warning: " + warning);
      }
      warnings.flush();
    }
    return engine;
  }

  /**
   * Runs the command line and returns the exit status.
   *
   * @param args arguments
   * @param out standard output
   * @param err standard error
   * @return 0 on success, 2 for bad input or broken plugins, 1 for unexpected failures
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    AfdCommand root = new AfdCommand();
    root.warnings = err;
    CommandLine commandLine = new CommandLine(root);
    // A path named like a subcommand ('--plugin-path plugins') is the option's value.
    commandLine.setAllowSubcommandsAsOptionParameters(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          boolean verbose = root.verbose;
          if (exception instanceof AfdConfigurationException
              || exception instanceof AfdPluginException) {
            line.getErr().println("afd: " + oneLine(exception.getMessage()));
            if (verbose) {
              exception.printStackTrace(line.getErr());
            }
            return EXIT_USAGE;
          }
          line.getErr()
              .println(
                  "afd: internal error: "
                      + oneLine(exception.toString())
                      + (verbose ? "" : " (run with --verbose for the stack trace)"));
          if (verbose) {
            exception.printStackTrace(line.getErr());
          }
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine line = exception.getCommandLine();
          // One line, like every other error; the hint rides on it.
          line.getErr()
              .println(
                  "afd: "
                      + oneLine(exception.getMessage())
                      + " (see '"
                      + line.getCommandSpec().qualifiedName()
                      + " --help')");
          return EXIT_USAGE;
        });
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    commandLine.setExecutionStrategy(
        parseResult -> {
          try {
            root.checkGlobalOptions();
          } catch (AfdConfigurationException exception) {
            commandLine.getErr().println("afd: " + oneLine(exception.getMessage()));
            return EXIT_USAGE;
          }
          return runLast.execute(parseResult);
        });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /**
   * {@return {@code message} on one line: line breaks and the indentation after them become one
   * space}, so that every error is exactly one line however its source formatted it
   *
   * @param message an error message, or null
   */
  static String oneLine(@Nullable String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AfdCommand.class.getPackage().getImplementationVersion();
      return new String[] {"afd " + (version == null ? "(development build)" : version)};
    }
  }
}

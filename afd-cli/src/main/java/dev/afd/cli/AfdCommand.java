package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdPluginException;
import dev.afd.api.cost.KernelCostModel;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
          "Measured kernel tables (AIConfigurator's 'systems' directory); operators they do not"
              + " cover, and accelerators without tables, use the roofline.")
  Path kernelDatabase;

  private AfdEngine engine;

  private KernelCostModel kernelCostModel;

  /**
   * {@return the kernel cost model: measured tables with {@code --kernel-db}, else the roofline}
   */
  KernelCostModel kernelCostModel() {
    if (kernelCostModel == null) {
      kernelCostModel = KernelCostModels.forOption(kernelDatabase);
    }
    return kernelCostModel;
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
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          boolean verbose = root.verbose;
          if (exception instanceof AfdConfigurationException
              || exception instanceof AfdPluginException) {
            line.getErr().println("afd: " + exception.getMessage());
            if (verbose) {
              exception.printStackTrace(line.getErr());
            }
            return EXIT_USAGE;
          }
          line.getErr()
              .println(
                  "afd: internal error: "
                      + exception
                      + (verbose ? "" : " (run with --verbose for the stack trace)"));
          if (verbose) {
            exception.printStackTrace(line.getErr());
          }
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine line = exception.getCommandLine();
          line.getErr().println("afd: " + exception.getMessage());
          line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_USAGE;
        });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
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

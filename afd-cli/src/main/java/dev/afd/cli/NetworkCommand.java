package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.network.CollectiveKind;
import dev.afd.api.unit.DataSize;
import dev.afd.engine.network.NetworkEstimate;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd network}: the network model on its own. */
@Command(
    name = "network",
    description = "Price collectives with the network model.",
    subcommands = {NetworkCommand.EstimateCommand.class})
final class NetworkCommand extends CommandGroup {
  /** {@code afd network estimate}: one collective on the first devices of a system. */
  @Command(
      name = "estimate",
      description =
          "Estimate one collective over the first N devices of a system (the system grows to N"
              + " devices if it is smaller): analytical by default, simulated with --simulate.")
  static final class EstimateCommand implements Callable<Integer> {
    @ParentCommand NetworkCommand parent;

    @Spec CommandSpec spec;

    @Option(
        names = "--system",
        required = true,
        paramLabel = "ID",
        description = "A system id (see 'afd hardware list').")
    String system;

    @Option(
        names = "--collective",
        required = true,
        paramLabel = "KIND",
        description = "all-reduce, all-gather, reduce-scatter or all-to-all.")
    String collective;

    @Option(
        names = "--group",
        required = true,
        paramLabel = "N",
        description =
            "Devices in the group: at most "
                + SystemSpec.MAX_DEVICES
                + ", or "
                + NetworkEstimate.MAX_SIMULATED_GROUP
                + " with --simulate (an all-to-all simulates n² flows).")
    int group;

    @Option(
        names = "--bytes",
        required = true,
        paramLabel = "SIZE",
        description = "The buffer per device with its unit, for example \"14 MiB\".")
    String bytes;

    @Option(
        names = "--simulate",
        description = "Time the collective with the flow-level simulator instead of the formula.")
    boolean simulate;

    @Option(names = "--json", description = "Print JSON (seconds and bytes as numbers).")
    boolean json;

    @Override
    public Integer call() {
      CollectiveKind kind = CollectiveKind.parse(collective);
      if (simulate) {
        Limits.simulatedGroup("--group", group);
      } else {
        Limits.devices("--group", group);
      }
      DataSize size;
      try {
        size = DataSize.parse(bytes);
      } catch (AfdConfigurationException e) {
        throw new AfdConfigurationException("Option --bytes: " + e.getMessage(), e);
      }
      SystemSpec systemSpec = parent.root.engine().system(system);
      NetworkEstimate.Result result =
          NetworkEstimate.estimate(systemSpec, kind, group, size, simulate);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(result.toJson());
      } else {
        out.print(result.toText());
      }
      return 0;
    }
  }
}

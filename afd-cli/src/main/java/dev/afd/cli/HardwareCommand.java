package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.hardware.HardwareDescription;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd hardware}: the accelerators, systems and clusters afd knows. */
@Command(
    name = "hardware",
    description =
        "List and show accelerators, systems and clusters (built-in, from plugins and from"
            + " --hardware-file).",
    subcommands = {HardwareCommand.ListCommand.class, HardwareCommand.ShowCommand.class})
final class HardwareCommand extends CommandGroup {
  /** {@code afd hardware list}: one row per accelerator, then one per system, each by id. */
  @Command(name = "list", description = "List accelerators, then systems, each sorted by id.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand HardwareCommand parent;

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      AfdEngine engine = parent.root.engine();
      List<HardwareDescription.Row> rows =
          HardwareDescription.rows(engine.accelerators(), engine.systems());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (HardwareDescription.Row row : rows) {
          Map<String, Object> entry = new LinkedHashMap<>();
          List<String> cells = row.cells();
          for (int column = 0; column < cells.size(); column++) {
            entry.put(HardwareDescription.HEADERS.get(column), cells.get(column));
          }
          entries.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("hardware", entries);
        out.print(Json.write(document));
        return 0;
      }
      TextTable table =
          new TextTable(
              HardwareDescription.HEADERS.stream()
                  .map(header -> header.toUpperCase(Locale.ROOT))
                  .toArray(String[]::new));
      rows.forEach(row -> table.row(row.cells().toArray(String[]::new)));
      out.print(table.render());
      return 0;
    }
  }

  /** {@code afd hardware show ID}: every field of one accelerator, system or cluster. */
  @Command(
      name = "show",
      description =
          "Show an accelerator, system or cluster in hardware-file fields (YAML, or JSON with"
              + " --json).")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand HardwareCommand parent;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "An accelerator, system or cluster id.")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      Map<String, Object> description = describe(parent.root.engine(), id);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? Json.write(description) : HardwareDescription.yaml(description));
      return 0;
    }

    private static Map<String, Object> describe(AfdEngine engine, String id) {
      Optional<AcceleratorSpec> accelerator = engine.findAccelerator(id);
      if (accelerator.isPresent()) {
        return HardwareDescription.show(accelerator.get());
      }
      Optional<SystemSpec> system = engine.findSystem(id);
      if (system.isPresent()) {
        return HardwareDescription.show(system.get());
      }
      Optional<ClusterSpec> cluster = engine.findCluster(id);
      if (cluster.isPresent()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "cluster");
        result.putAll(HardwareDescription.cluster(cluster.get()));
        return result;
      }
      TreeSet<String> known = new TreeSet<>();
      engine.accelerators().forEach(spec -> known.add(spec.id()));
      engine.systems().forEach(spec -> known.add(spec.id()));
      engine.clusters().forEach(spec -> known.add(spec.id()));
      throw new AfdConfigurationException(
          "Unknown hardware '"
              + id
              + "'. Known accelerators, systems and clusters: "
              + known
              + ". Run 'afd hardware list' to see them.");
    }
  }
}

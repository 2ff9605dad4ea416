package dev.afd.cli;

import dev.afd.engine.PluginInfo;
import dev.afd.engine.json.Json;
import dev.afd.engine.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd plugins}: every discovered provider with its class and jar. */
@Command(name = "plugins", description = "List hardware, model and strategy plugins.")
final class PluginsCommand implements Callable<Integer> {
  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    List<PluginInfo> plugins = root.engine().plugins();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (PluginInfo plugin : plugins) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", plugin.kind());
        row.put("id", plugin.id());
        row.put("description", plugin.description());
        row.put("provides", plugin.contributes());
        row.put("class", plugin.providerClass());
        row.put("location", plugin.location());
        row.put("version", plugin.version());
        rows.add(row);
      }
      out.print(Json.write(Map.of("plugins", rows)));
      return 0;
    }
    TextTable table = new TextTable("KIND", "ID", "PROVIDES", "CLASS", "LOCATION");
    for (PluginInfo plugin : plugins) {
      table.row(
          plugin.kind(),
          plugin.id(),
          plugin.contributes(),
          plugin.providerClass(),
          plugin.location());
    }
    out.print(table.render());
    return 0;
  }
}

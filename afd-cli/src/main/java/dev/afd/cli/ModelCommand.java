package dev.afd.cli;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.hardware.HardwareDescription;
import dev.afd.engine.json.Json;
import dev.afd.engine.model.ModelDescription;
import dev.afd.engine.report.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code afd model}: the models afd knows, built in, from plugins and from --model-file. */
@Command(
    name = "model",
    description = "List and show models (built-in, from plugins and from --model-file).",
    subcommands = {ModelCommand.ListCommand.class, ModelCommand.ShowCommand.class})
final class ModelCommand extends CommandGroup {
  static final List<String> LIST_HEADERS =
      List.of("id", "name", "total parameters", "active parameters", "KV bytes/token", "layers");

  /**
   * {@return a parameter count in billions, for example {@code "671.03B"}; in millions below a
   * billion and exact below a million}
   */
  static String parameters(long count) {
    if (count >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2fB", count / 1e9);
    }
    if (count >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2fM", count / 1e6);
    }
    return Long.toString(count);
  }

  /** {@code afd model list}: one row per model, sorted by id. */
  @Command(name = "list", description = "List models, sorted by id.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ModelCommand parent;

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (parameter counts and bytes as numbers).")
    boolean json;

    @Override
    public Integer call() {
      List<MoeModelSpec> models = parent.root.engine().models();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (MoeModelSpec model : models) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("id", model.id());
          entry.put("name", model.name());
          entry.put("totalParameters", model.totalParameters());
          entry.put("activeParameters", model.activeParameters());
          entry.put("kvCacheBytesPerToken", model.kvBytesPerToken());
          entry.put("layerCount", model.layerCount());
          entries.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("models", entries);
        out.print(Json.write(document));
        return 0;
      }
      TextTable table =
          new TextTable(
              LIST_HEADERS.stream()
                  .map(header -> header.toUpperCase(Locale.ROOT))
                  .toArray(String[]::new));
      for (MoeModelSpec model : models) {
        table.row(
            model.id(),
            model.name(),
            parameters(model.totalParameters()),
            parameters(model.activeParameters()),
            String.format(Locale.ROOT, "%.0f", model.kvBytesPerToken()),
            Integer.toString(model.layerCount()));
      }
      out.print(table.render());
      return 0;
    }
  }

  /** {@code afd model show ID}: parameters, KV cache, weights by component, layer structure. */
  @Command(
      name = "show",
      description =
          "Show a model: parameters, KV cache bytes per token, weights by component and layer"
              + " structure (YAML, or JSON with --json).")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand ModelCommand parent;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A model id (see 'afd model list').")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      MoeModelSpec model = parent.root.engine().model(id);
      Map<String, Object> description = ModelDescription.describe(model);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? Json.write(description) : HardwareDescription.yaml(description));
      return 0;
    }
  }
}

package dev.afd.cli;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.model.HuggingFaceConfigImporter;
import dev.afd.engine.model.ModelSpecFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code afd import-hf CONFIG.json}: imports a Hugging Face config as a model spec file that {@code
 * --model-file} loads.
 */
@Command(
    name = "import-hf",
    description =
        "Import a Hugging Face config.json as an afd model spec file that --model-file loads"
            + " wherever a model id is accepted.")
final class ImportHfCommand implements Callable<Integer> {
  /** Numbers temporary files, so that imports running at once in one JVM never share one. */
  private static final AtomicLong TEMPORARY_FILES = new AtomicLong();

  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CONFIG.json", description = "The model's Hugging Face config.json.")
  Path config;

  @Option(
      names = "--quant",
      paramLabel = "HF_QUANT.json",
      description =
          "The checkpoint's hf_quant_config.json (default: hf_quant_config.json beside"
              + " config.json, or X_hf_quant_config.json beside X_config.json, if present).")
  Path quantization;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description =
          "The model id (default: derived from the file or directory name, for example"
              + " 'deepseek-v3' for deepseek-ai--DeepSeek-V3_config.json).")
  String id;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where to write the model spec file: YAML if FILE ends in .yaml or .yml, JSON otherwise"
              + " (default: ID.yaml). Written to a temporary file, then moved into place.")
  Path out;

  @Override
  public Integer call() {
    if (out != null && out.toString().isBlank()) {
      throw new AfdConfigurationException(
          "Option --out must name a file, got ''; leave it out to write ID.yaml");
    }
    if (!Files.isRegularFile(config)) {
      throw new AfdConfigurationException("config file '" + config + "' does not exist");
    }
    if (quantization != null && !Files.isRegularFile(quantization)) {
      throw new AfdConfigurationException(
          "quantization config file '" + quantization + "' does not exist");
    }
    String modelId = id != null ? id : HuggingFaceConfigImporter.defaultId(config);
    MoeModelSpec model =
        quantization != null
            ? HuggingFaceConfigImporter.read(config, quantization, modelId)
            : HuggingFaceConfigImporter.read(config, modelId);
    AfdEngine engine = root.engine();
    if (engine.findModel(model.id()).isPresent()) {
      throw new AfdConfigurationException(
          "model id '"
              + model.id()
              + "' is already a known model, so --model-file could not load the result; choose"
              + " another id with --id");
    }
    Path target = out != null ? out : Path.of(model.id() + ".yaml");
    writeAtomically(model, target);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Wrote model '%s' (%s total, %s active parameters, %.0f KV bytes/token) to %s%n",
            model.id(),
            ModelCommand.parameters(model.totalParameters()),
            ModelCommand.parameters(model.activeParameters()),
            model.kvBytesPerToken(),
            target);
    return 0;
  }

  /** Writes beside the target, then moves into place, so readers never see half a file. */
  private static void writeAtomically(MoeModelSpec model, Path target) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    String name = absolute.getFileName().toString();
    int dot = name.lastIndexOf('.');
    // The extension picks YAML or JSON, so the temporary file keeps it.
    String extension = dot > 0 ? name.substring(dot) : ".json";
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      // Not createTempFile: its owner-only permissions would outlive the move.
      temporary =
          Files.createFile(
              directory.resolve(
                  "."
                      + name
                      + "."
                      + ProcessHandle.current().pid()
                      + "-"
                      + TEMPORARY_FILES.incrementAndGet()
                      + ".tmp"
                      + extension));
      ModelSpecFiles.write(model, temporary);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (IOException e) {
      throw new AfdConfigurationException("cannot write '" + target + "': " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // Best effort: the write already failed and that error is the one to report.
        }
      }
    }
  }
}

package dev.afd.plugin.kerneldata;

import com.google.auto.service.AutoService;
import dev.afd.spi.KernelDatabaseProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NVIDIA AIConfigurator's measured kernel tables (v0.11.0): GEMM, attention, MLA, MLA BMM, MoE and
 * all-reduce latencies of TensorRT-LLM, vLLM and SGLang on six systems, mapped to the NVIDIA
 * accelerators of the built-in hardware catalog.
 *
 * <p>The tables are class path resources; from a jar they are read through the jar's zip file
 * system, opened once on first use. Stateless apart from that file system; thread-safe.
 */
@AutoService(KernelDatabaseProvider.class)
public final class AiConfiguratorKernelDatabaseProvider implements KernelDatabaseProvider {
  /** The resource directory holding {@code <system>.yaml} and {@code data/}. */
  static final String ROOT = "/dev/afd/kerneldata/systems";

  private static final Map<String, String> SYSTEMS_BY_ACCELERATOR =
      Collections.unmodifiableMap(
          new TreeMap<>(
              Map.of(
                  "nvidia-h100-sxm", "h100_sxm",
                  "nvidia-h200-sxm", "h200_sxm",
                  "nvidia-b200", "b200_sxm",
                  "nvidia-b300", "b300_sxm",
                  "nvidia-gb200", "gb200",
                  "nvidia-gb300", "gb300")));

  /** Creates the provider; reads nothing. */
  public AiConfiguratorKernelDatabaseProvider() {}

  @Override
  public String id() {
    return "aiconfigurator";
  }

  @Override
  public String description() {
    return "NVIDIA AIConfigurator v0.11.0 measured kernel tables (trtllm, vllm, sglang; Apache-2.0)";
  }

  @Override
  public List<Path> kernelDatabases() {
    return List.of(root());
  }

  @Override
  public Map<String, String> systemsByAccelerator() {
    return SYSTEMS_BY_ACCELERATOR;
  }

  /** {@return the {@code systems} directory, in the jar's zip file system or on disk} */
  static Path root() {
    // A file, not the directory: a jar need not hold directory entries.
    URL anchor = AiConfiguratorKernelDatabaseProvider.class.getResource(ROOT + "/b200_sxm.yaml");
    if (anchor == null) {
      throw new IllegalStateException(
          "Resource " + ROOT + "/b200_sxm.yaml is missing; the afd-kernel-data jar is incomplete");
    }
    URI uri;
    try {
      uri = anchor.toURI();
    } catch (URISyntaxException exception) {
      throw new IllegalStateException("Unusable resource URL " + anchor, exception);
    }
    if ("jar".equals(uri.getScheme())) {
      openZipFileSystem(uri);
    }
    return Path.of(uri).getParent();
  }

  private static synchronized void openZipFileSystem(URI uri) {
    try {
      // Kept open for the life of the process: the engine reads tables lazily.
      FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException alreadyOpen) {
      // Opened by an earlier call or another class; Path.of(uri) finds it.
    } catch (IOException exception) {
      throw new UncheckedIOException("Cannot open the afd-kernel-data jar " + uri, exception);
    }
  }
}

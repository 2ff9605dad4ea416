package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * Identifies one kernel table of one system, as laid out on disk in {@code
 * systems/data/<system>/<family>/<backend>/<version>/<name>_perf.parquet}.
 *
 * @param system the system directory name, for example {@code h200_sxm}
 * @param family the kernel family directory, for example {@code gemm} or {@code attention}
 * @param backend the framework or library that was measured, for example {@code trtllm}
 * @param version the backend version, for example {@code 1.3.0rc20}
 * @param name the table name, the file name without {@code _perf.parquet}, for example {@code
 *     context_attention}
 * @param file the parquet file
 */
public record KernelTableId(
    String system, String family, String backend, String version, String name, Path file)
    implements Comparable<KernelTableId> {
  private static final Comparator<KernelTableId> ORDER =
      Comparator.comparing(KernelTableId::system)
          .thenComparing(KernelTableId::name)
          .thenComparing(KernelTableId::family)
          .thenComparing(KernelTableId::backend)
          .thenComparing(KernelTableId::version);

  public KernelTableId {
    requireNonNull(system, "system");
    requireNonNull(family, "family");
    requireNonNull(backend, "backend");
    requireNonNull(version, "version");
    requireNonNull(name, "name");
    requireNonNull(file, "file");
  }

  @Override
  public int compareTo(KernelTableId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return system + "/" + family + "/" + backend + "/" + version + "/" + name;
  }
}

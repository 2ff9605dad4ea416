package dev.afd.spark;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.MeasuredKernelCostModel;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.StudyFiles;
import dev.afd.engine.explore.StudySpec;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What every task needs to rebuild a study on its executor: the study file's name and text (not its
 * path, which executors may not see), the serving backend, and how to evaluate.
 *
 * @param fileName the study file's name; its extension says YAML or JSON
 * @param studyText the study file's contents
 * @param backend the serving backend whose kernel tables and recipe apply, as {@code afd explore
 *     --backend}
 * @param keepResults whether tasks return every evaluated candidate (for {@code results.csv}), or
 *     only outcomes and frontier rows
 * @param threadsPerTask evaluation threads inside one task (Spark's tasks are the parallelism, so 1
 *     unless {@code spark.task.cpus} is raised to match)
 * @param refine how to refine the best candidates by simulation, as {@code afd explore --refine};
 *     null for no refinement
 */
public record StudyJob(
    String fileName,
    String studyText,
    String backend,
    boolean keepResults,
    int threadsPerTask,
    @Nullable Refine refine)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * {@code afd explore --refine}'s settings: tasks keep each strategy's best candidates meeting the
   * SLO, and refinement tasks simulate them.
   *
   * @param best candidates per strategy and scenario, at least 1
   * @param percentile the percent of requests that must meet the SLO, in (0, 100]
   * @param requests requests per simulated candidate, at least 1
   */
  public record Refine(int best, double percentile, long requests) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates. */
    public Refine {
      if (best < 1) {
        throw new IllegalArgumentException("best must be >= 1, got '" + best + "'");
      }
      if (!(percentile > 0 && percentile <= 100)) {
        throw new IllegalArgumentException(
            "percentile must be above 0 and at most 100, got '" + percentile + "'");
      }
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be >= 1, got '" + requests + "'");
      }
    }
  }

  /** Validates. */
  public StudyJob {
    requireNonNull(fileName, "fileName");
    requireNonNull(studyText, "studyText");
    requireNonNull(backend, "backend");
    if (threadsPerTask < 1 || threadsPerTask > Explorer.MAX_THREADS) {
      throw new IllegalArgumentException(
          "threadsPerTask must be between 1 and "
              + Explorer.MAX_THREADS
              + ", got '"
              + threadsPerTask
              + "'");
    }
  }

  /**
   * {@return a job for a study file, with the default backend, every result kept and one thread per
   * task}
   *
   * @throws AfdConfigurationException if the file cannot be read
   */
  public static StudyJob of(Path studyFile) {
    try {
      return new StudyJob(
          studyFile.getFileName().toString(),
          Files.readString(studyFile, StandardCharsets.UTF_8),
          MeasuredKernelCostModel.DEFAULT_BACKEND,
          true,
          1,
          null);
    } catch (IOException e) {
      throw new AfdConfigurationException(
          "Cannot read study file '" + studyFile + "': " + e.getMessage(), e);
    }
  }

  /** {@return this job with another serving backend} */
  public StudyJob withBackend(String id) {
    return new StudyJob(fileName, studyText, id, keepResults, threadsPerTask, refine);
  }

  /** {@return this job keeping every result or only outcomes and frontier rows} */
  public StudyJob withKeepResults(boolean keep) {
    return new StudyJob(fileName, studyText, backend, keep, threadsPerTask, refine);
  }

  /** {@return the best candidates per strategy kept for refinement, 0 without refinement} */
  public int refineBest() {
    return refine == null ? 0 : refine.best();
  }

  /** {@return this job refining as asked, or not at all for null} */
  public StudyJob withRefine(@Nullable Refine how) {
    return new StudyJob(fileName, studyText, backend, keepResults, threadsPerTask, how);
  }

  /**
   * {@return the study, read and checked against the engine as {@code afd explore --study-file}
   * reads it} The text goes through a temporary file of the study's name (its extension picks YAML
   * or JSON), deleted at once.
   */
  StudySpec read(AfdEngine engine) {
    Path directory = null;
    Path file = null;
    try {
      directory = Files.createTempDirectory("afd-study");
      file = directory.resolve(fileName);
      Files.writeString(file, studyText, StandardCharsets.UTF_8);
      return StudyFiles.read(file, engine);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write study file '" + fileName + "'", e);
    } finally {
      try {
        if (file != null) {
          Files.deleteIfExists(file);
        }
        if (directory != null) {
          Files.deleteIfExists(directory);
        }
      } catch (IOException e) {
        // A leftover file in the temporary directory is harmless.
      }
    }
  }
}

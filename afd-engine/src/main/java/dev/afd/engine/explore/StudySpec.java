package dev.afd.engine.explore;

import static java.util.Objects.requireNonNull;

import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.spi.Conventions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole study: models × systems (each with a device budget) × workloads, each under its SLO, for
 * a list of strategies.
 *
 * @param name the study's name, for reports
 * @param models model ids (or spec/config files resolved by the caller)
 * @param systems systems and their device budgets
 * @param workloads workloads, each with its SLO
 * @param strategies strategies with their options
 * @param network network model id: {@code analytical} or {@code simulated}
 * @param conventions the modelling conventions the study runs under (afd's own by default)
 */
public record StudySpec(
    String name,
    List<String> models,
    List<SystemBudget> systems,
    List<WorkloadSlo> workloads,
    List<StrategyRun> strategies,
    String network,
    Conventions conventions) {

  /** Validates and copies. */
  public StudySpec {
    requireNonNull(name, "name");
    models = List.copyOf(models);
    systems = List.copyOf(systems);
    workloads = List.copyOf(workloads);
    strategies = List.copyOf(strategies);
    requireNonNull(network, "network");
    requireNonNull(conventions, "conventions");
  }

  /** A study under afd's own conventions. */
  public StudySpec(
      String name,
      List<String> models,
      List<SystemBudget> systems,
      List<WorkloadSlo> workloads,
      List<StrategyRun> strategies,
      String network) {
    this(name, models, systems, workloads, strategies, network, Conventions.defaults());
  }

  /** {@return this study under other conventions} */
  public StudySpec withConventions(Conventions conventions) {
    return new StudySpec(name, models, systems, workloads, strategies, network, conventions);
  }

  /**
   * A system and the most devices a deployment may use on it.
   *
   * @param system system id
   * @param devices device budget
   */
  public record SystemBudget(String system, int devices) {}

  /**
   * A workload and its SLO.
   *
   * @param workload the workload
   * @param slo the SLO
   */
  public record WorkloadSlo(WorkloadSpec workload, SloSpec slo) {}

  /**
   * {@return a built-in study by name, read from the study file bundled with the engine ({@code
   * dev/afd/engine/explore/studies/NAME.yaml})}
   *
   * <p>{@code paper-b200}: the reference study (arXiv 2605.28302): DeepSeek-V3.2 on 128 B200 GPUs
   * in NVLink-8 nodes joined by InfiniBand, the chat, coding and agentic-coding workloads under
   * their strict SLOs, all four strategies.
   */
  public static Optional<StudySpec> builtIn(String name) {
    if (!builtInNames().contains(name)) {
      return Optional.empty();
    }
    String resource = "studies/" + name + ".yaml";
    try (InputStream in = StudySpec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in study file " + resource + " is missing");
      }
      return Optional.of(
          StudyFiles.parse(
              Path.of(name + ".yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in study file " + resource, e);
    }
  }

  /**
   * {@return the strategies of the reference study ({@code paper-b200}), in the order it reports
   * them: what a study runs when it names none}
   */
  public static List<String> referenceStrategies() {
    return ReferenceStrategies.IDS;
  }

  // Read on first use: the bundled study file names them, the engine does not.
  private static final class ReferenceStrategies {
    static final List<String> IDS =
        builtIn("paper-b200").orElseThrow().strategies().stream()
            .map(StrategyRun::strategyId)
            .toList();
  }

  /** {@return the names of built-in studies} */
  public static List<String> builtInNames() {
    return List.of("paper-b200");
  }
}

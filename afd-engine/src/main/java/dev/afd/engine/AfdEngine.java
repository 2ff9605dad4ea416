package dev.afd.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdPluginException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.hardware.HardwareFile;
import dev.afd.engine.hardware.HardwareFiles;
import dev.afd.engine.hardware.HardwareLookup;
import dev.afd.engine.internal.LoadedProvider;
import dev.afd.engine.internal.PluginJars;
import dev.afd.engine.model.ModelSpecFiles;
import dev.afd.spi.HardwareProvider;
import dev.afd.spi.KernelDatabaseProvider;
import dev.afd.spi.ModelProvider;
import dev.afd.spi.StrategyProvider;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entry point: discovers hardware, model and strategy plugins once, validates them, and answers
 * lookups.
 *
 * <p>Build with {@link #builder()}. Immutable and thread-safe once built. Discovery collects every
 * problem (duplicate ids, throwing providers, missing classes, empty results) into one {@link
 * AfdPluginException}. Accelerators, systems and clusters from {@linkplain Builder#hardwareFiles
 * hardware files} join the discovered ones for every lookup and listing, and so do the models of
 * {@linkplain Builder#modelFiles model files}.
 */
public final class AfdEngine {
  private static final System.Logger LOGGER = System.getLogger(AfdEngine.class.getName());

  private final ImmutableList<LoadedProvider<HardwareProvider>> hardwareProviders;
  private final ImmutableList<LoadedProvider<ModelProvider>> modelProviders;
  private final ImmutableList<LoadedProvider<StrategyProvider>> strategyProviders;
  private final Map<String, AcceleratorSpec> accelerators;
  private final Map<String, SystemSpec> systems;
  private final Map<String, ClusterSpec> clusters;
  private final ImmutableList<Path> hardwareFiles;
  private final Map<String, MoeModelSpec> models;
  private final ImmutableList<Path> modelFiles;
  private final Map<String, StrategyProvider> strategies;
  private final ImmutableList<LoadedProvider<KernelDatabaseProvider>> kernelDatabaseProviders;
  private final ImmutableList<Path> kernelDatabases;
  private final Map<String, String> kernelSystemsByAccelerator;
  private final ImmutableList<PluginInfo> plugins;
  private final ImmutableList<String> warnings;

  private AfdEngine(PluginDiscovery discovery, HardwareFileContent files, List<Path> modelFiles) {
    this.hardwareProviders = ImmutableList.copyOf(discovery.hardware);
    this.modelProviders = ImmutableList.copyOf(discovery.models);
    this.strategyProviders = ImmutableList.copyOf(discovery.strategies);
    this.accelerators = discovery.acceleratorsById;
    this.systems = discovery.systemsById;
    this.clusters = files.clustersById;
    this.hardwareFiles = ImmutableList.copyOf(files.files);
    this.models = discovery.modelsById;
    this.modelFiles = ImmutableList.copyOf(modelFiles);
    this.strategies = discovery.strategiesById;
    this.kernelDatabaseProviders = ImmutableList.copyOf(discovery.kernelData);
    this.kernelDatabases = ImmutableList.copyOf(discovery.kernelDatabases);
    this.kernelSystemsByAccelerator =
        Collections.unmodifiableMap(new TreeMap<>(discovery.kernelSystemsByAccelerator));
    this.plugins = ImmutableList.copyOf(discovery.plugins);
    this.warnings = ImmutableList.copyOf(discovery.warnings);
    LOGGER.log(System.Logger.Level.DEBUG, () -> "Discovered plugins: " + plugins);
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return every discovered provider, by kind then id} */
  public List<PluginInfo> plugins() {
    return plugins;
  }

  /**
   * {@return what discovery found odd but not wrong, for example a plugin jar that registers no
   * provider; one line each, in discovery order}
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * {@return "class (jar)" of the provider of a strategy, for messages about a strategy that
   * misbehaves after discovery}
   *
   * @param strategyId a known strategy id
   */
  public String strategyOrigin(String strategyId) {
    for (LoadedProvider<StrategyProvider> loaded : strategyProviders) {
      if (loaded.id().equals(strategyId)) {
        return loaded.origin().describe();
      }
    }
    return "registered directly";
  }

  /** {@return every accelerator, sorted by id} */
  public List<AcceleratorSpec> accelerators() {
    return List.copyOf(accelerators.values());
  }

  /** {@return every system, sorted by id} */
  public List<SystemSpec> systems() {
    return List.copyOf(systems.values());
  }

  /** {@return every cluster, sorted by id; clusters come only from hardware files} */
  public List<ClusterSpec> clusters() {
    return List.copyOf(clusters.values());
  }

  /** {@return the hardware files whose content joined the discovered hardware, in order} */
  public List<Path> hardwareFiles() {
    return hardwareFiles;
  }

  /** {@return every accelerator, system and cluster, for reading further hardware files} */
  public HardwareLookup hardwareLookup() {
    return HardwareLookup.of(accelerators.values(), systems.values(), clusters.values());
  }

  /** {@return every model, sorted by id} */
  public List<MoeModelSpec> models() {
    return List.copyOf(models.values());
  }

  /** {@return the model files whose models joined the discovered models, in order} */
  public List<Path> modelFiles() {
    return modelFiles;
  }

  /** {@return every strategy provider, sorted by id} */
  public List<StrategyProvider> strategies() {
    return List.copyOf(strategies.values());
  }

  /**
   * {@return the kernel database roots of every {@link KernelDatabaseProvider}, by provider id,
   * each provider's roots in its order}
   */
  public List<Path> kernelDatabases() {
    return kernelDatabases;
  }

  /**
   * {@return accelerator id to kernel database system, merged over every {@link
   * KernelDatabaseProvider}, sorted by accelerator id}
   */
  public Map<String, String> kernelSystemsByAccelerator() {
    return kernelSystemsByAccelerator;
  }

  /** {@return the kernel database providers, sorted by id} */
  public List<KernelDatabaseProvider> kernelDatabaseProviders() {
    return kernelDatabaseProviders.stream().map(LoadedProvider::provider).toList();
  }

  /** {@return the accelerator with this id, if any} */
  public Optional<AcceleratorSpec> findAccelerator(String id) {
    return Optional.ofNullable(accelerators.get(id));
  }

  /** {@return the accelerator with this id} */
  public AcceleratorSpec accelerator(String id) {
    return lookup(
        accelerators,
        id,
        "accelerator",
        "accelerators",
        "dev.afd:afd-hardware or a hardware plugin jar");
  }

  /** {@return the system with this id, if any} */
  public Optional<SystemSpec> findSystem(String id) {
    return Optional.ofNullable(systems.get(id));
  }

  /** {@return the system with this id} */
  public SystemSpec system(String id) {
    return lookup(
        systems, id, "system", "systems", "dev.afd:afd-hardware or a hardware plugin jar");
  }

  /** {@return the cluster with this id, if any} */
  public Optional<ClusterSpec> findCluster(String id) {
    return Optional.ofNullable(clusters.get(id));
  }

  /** {@return the cluster with this id} */
  public ClusterSpec cluster(String id) {
    return lookup(clusters, id, "cluster", "clusters", "a hardware file that defines clusters");
  }

  /** {@return the model with this id, if any} */
  public Optional<MoeModelSpec> findModel(String id) {
    return Optional.ofNullable(models.get(id));
  }

  /** {@return the model with this id} */
  public MoeModelSpec model(String id) {
    return lookup(models, id, "model", "models", "dev.afd:afd-models or a model plugin jar");
  }

  /** {@return the strategy provider with this id} */
  public StrategyProvider strategy(String id) {
    return lookup(
        strategies,
        id,
        "strategy",
        "strategies",
        "dev.afd:afd-strategies or a strategy plugin jar");
  }

  private static <T> T lookup(
      Map<String, T> byId, String id, String kind, String kinds, String artifact) {
    T value = byId.get(requireNonNull(id, "id"));
    if (value != null) {
      return value;
    }
    if (byId.isEmpty()) {
      throw new AfdConfigurationException(
          "Unknown "
              + kind
              + " '"
              + id
              + "': no "
              + kinds
              + " are installed. Add "
              + artifact
              + ".");
    }
    throw new AfdConfigurationException(
        "Unknown " + kind + " '" + id + "'. Known " + kinds + ": " + byId.keySet());
  }

  /** Collects plugin sources and builds the engine; not thread-safe. */
  public static final class Builder {
    private final List<ClassLoader> loaders = new ArrayList<>();
    private final List<Path> pluginPaths = new ArrayList<>();
    private final List<Path> hardwareFiles = new ArrayList<>();
    private final List<Path> modelFiles = new ArrayList<>();
    private final List<HardwareProvider> hardware = new ArrayList<>();
    private final List<ModelProvider> models = new ArrayList<>();
    private final List<StrategyProvider> strategies = new ArrayList<>();
    private final List<KernelDatabaseProvider> kernelData = new ArrayList<>();

    private Builder() {}

    /** Discovers plugins with the thread context class loader (or this class's loader). */
    public Builder discoverPlugins() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return discoverPlugins(loader == null ? AfdEngine.class.getClassLoader() : loader);
    }

    /** Discovers plugins visible to {@code loader}. */
    public Builder discoverPlugins(ClassLoader loader) {
      loaders.add(requireNonNull(loader, "loader"));
      return this;
    }

    /**
     * Adds plugin jars: each path is a jar or a directory whose {@code *.jar} files are all added.
     */
    public Builder pluginPath(List<Path> paths) {
      requireNonNull(paths, "paths").forEach(path -> pluginPaths.add(requireNonNull(path, "path")));
      return this;
    }

    /**
     * Adds hardware files (YAML or JSON, see {@link HardwareFiles}) whose accelerators, systems and
     * clusters join the discovered hardware. Files are read in order after discovery; each may
     * refer to discovered hardware and to earlier files, and none may define an id that is already
     * known.
     */
    public Builder hardwareFiles(List<Path> files) {
      requireNonNull(files, "files")
          .forEach(file -> hardwareFiles.add(requireNonNull(file, "file")));
      return this;
    }

    /**
     * Adds model files whose models join the discovered models: afd model spec files (YAML or JSON,
     * see {@link ModelSpecFiles}, as written by {@code afd import-hf}) or Hugging Face {@code
     * config.json} files. Files are read in order after discovery; no file may define a model id
     * that is already known.
     */
    public Builder modelFiles(List<Path> files) {
      requireNonNull(files, "files").forEach(file -> modelFiles.add(requireNonNull(file, "file")));
      return this;
    }

    /** Registers a hardware provider directly. */
    public Builder addHardwareProvider(HardwareProvider provider) {
      hardware.add(requireNonNull(provider, "provider"));
      return this;
    }

    /** Registers a model provider directly. */
    public Builder addModelProvider(ModelProvider provider) {
      models.add(requireNonNull(provider, "provider"));
      return this;
    }

    /** Registers a strategy provider directly. */
    public Builder addStrategyProvider(StrategyProvider provider) {
      strategies.add(requireNonNull(provider, "provider"));
      return this;
    }

    /** Registers a kernel database provider directly. */
    public Builder addKernelDatabaseProvider(KernelDatabaseProvider provider) {
      kernelData.add(requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Discovers, validates and builds.
     *
     * @throws AfdConfigurationException if a plugin path is missing or not a jar, a hardware or
     *     model file is missing, malformed or invalid, or a model file reuses a known model id
     * @throws AfdPluginException listing every plugin problem found
     */
    public AfdEngine build() {
      List<ClassLoader> allLoaders = new ArrayList<>(loaders);
      PluginJars.Resolved jars = PluginJars.resolve(pluginPaths, SPIS);
      if (!pluginPaths.isEmpty()) {
        ClassLoader parent = loaders.isEmpty() ? AfdEngine.class.getClassLoader() : loaders.get(0);
        allLoaders.add(new URLClassLoader(jarUrls(jars.jars()), parent));
        if (loaders.size() > 0) {
          // The plugin loader delegates to the parent, so it sees the parent's providers too.
          allLoaders.remove(0);
        }
      }
      if (jars.problems().size() == 1 && jars.jars().isEmpty()) {
        throw new AfdConfigurationException(jars.problems().get(0));
      }
      PluginDiscovery discovery = new PluginDiscovery();
      discovery.problems.addAll(jars.problems());
      discovery.warnings.addAll(jars.warnings());
      discovery.run(allLoaders, hardware, models, strategies, kernelData);
      if (!discovery.problems.isEmpty()) {
        StringBuilder message = new StringBuilder();
        message
            .append("Plugin discovery found ")
            .append(discovery.problems.size())
            .append(discovery.problems.size() == 1 ? " problem:" : " problems:");
        for (int index = 0; index < discovery.problems.size(); index++) {
          message.append('\n').append(index + 1).append(". ").append(discovery.problems.get(index));
        }
        throw new AfdPluginException(message.toString());
      }
      HardwareFileContent hardwareContent = readHardwareFiles(discovery);
      readModelFiles(discovery);
      return new AfdEngine(discovery, hardwareContent, modelFiles);
    }

    private void readModelFiles(PluginDiscovery discovery) {
      Map<String, Path> fromFiles = new LinkedHashMap<>();
      for (Path file : modelFiles) {
        if (!Files.exists(file)) {
          throw new AfdConfigurationException("model file '" + file + "' does not exist");
        }
        MoeModelSpec model = ModelSpecFiles.read(file);
        Path earlier = fromFiles.get(model.id());
        if (earlier != null) {
          throw new AfdConfigurationException(
              "model file '"
                  + file
                  + "' defines model '"
                  + model.id()
                  + "', which model file '"
                  + earlier
                  + "' already defines; give one of them another id, for example with 'afd"
                  + " import-hf --id'");
        }
        if (discovery.modelsById.containsKey(model.id())) {
          throw new AfdConfigurationException(
              "model file '"
                  + file
                  + "' defines model '"
                  + model.id()
                  + "', which is already a known model; give it another id, for example with"
                  + " 'afd import-hf --id'");
        }
        fromFiles.put(model.id(), file);
        discovery.modelsById.put(model.id(), model);
      }
    }

    private HardwareFileContent readHardwareFiles(PluginDiscovery discovery) {
      HardwareFileContent content = new HardwareFileContent();
      for (Path file : hardwareFiles) {
        HardwareFile read =
            HardwareFiles.read(
                file,
                HardwareLookup.of(
                    discovery.acceleratorsById.values(),
                    discovery.systemsById.values(),
                    content.clustersById.values()));
        // The reader rejects ids that are already known, so nothing is replaced here.
        read.accelerators()
            .forEach(accelerator -> discovery.acceleratorsById.put(accelerator.id(), accelerator));
        read.systems().forEach(system -> discovery.systemsById.put(system.id(), system));
        read.clusters().forEach(cluster -> content.clustersById.put(cluster.id(), cluster));
        content.files.add(file);
      }
      return content;
    }

    private static URL[] jarUrls(List<Path> jars) {
      URL[] urls = new URL[jars.size()];
      for (int index = 0; index < jars.size(); index++) {
        try {
          urls[index] = jars.get(index).toUri().toURL();
        } catch (MalformedURLException e) {
          throw new AfdConfigurationException(
              "Plugin path '"
                  + jars.get(index)
                  + "' cannot be turned into a URL: "
                  + e.getMessage(),
              e);
        }
      }
      return urls;
    }
  }

  /** The SPI types a plugin jar may register providers of. */
  private static final List<Class<?>> SPIS =
      List.of(
          HardwareProvider.class,
          ModelProvider.class,
          StrategyProvider.class,
          KernelDatabaseProvider.class);

  /** What the hardware files add besides accelerators and systems. */
  private static final class HardwareFileContent {
    final Map<String, ClusterSpec> clustersById = new TreeMap<>();
    final List<Path> files = new ArrayList<>();
  }
}

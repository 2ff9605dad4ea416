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
import dev.afd.engine.internal.ProviderLoader;
import dev.afd.engine.internal.ProviderOrigin;
import dev.afd.engine.model.ModelSpecFiles;
import dev.afd.spi.HardwareProvider;
import dev.afd.spi.KernelDatabaseProvider;
import dev.afd.spi.ModelProvider;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

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

  private AfdEngine(Discovery discovery, HardwareFileContent files, List<Path> modelFiles) {
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
      Discovery discovery = new Discovery();
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

    private void readModelFiles(Discovery discovery) {
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

    private HardwareFileContent readHardwareFiles(Discovery discovery) {
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

  /** The mutable state of one discovery run. */
  private static final class Discovery {
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<LoadedProvider<HardwareProvider>> hardware = new ArrayList<>();
    final List<LoadedProvider<ModelProvider>> models = new ArrayList<>();
    final List<LoadedProvider<StrategyProvider>> strategies = new ArrayList<>();
    final Map<String, AcceleratorSpec> acceleratorsById = new TreeMap<>();
    final Map<String, SystemSpec> systemsById = new TreeMap<>();
    final Map<String, MoeModelSpec> modelsById = new TreeMap<>();
    final Map<String, StrategyProvider> strategiesById = new TreeMap<>();
    final List<LoadedProvider<KernelDatabaseProvider>> kernelData = new ArrayList<>();
    final List<Path> kernelDatabases = new ArrayList<>();
    final Map<String, String> kernelSystemsByAccelerator = new TreeMap<>();
    final List<PluginInfo> plugins = new ArrayList<>();

    void run(
        List<ClassLoader> loaders,
        List<HardwareProvider> extraHardware,
        List<ModelProvider> extraModels,
        List<StrategyProvider> extraStrategies,
        List<KernelDatabaseProvider> extraKernelData) {
      List<LoadedProvider<KernelDatabaseProvider>> foundKernelData = new ArrayList<>();
      List<LoadedProvider<HardwareProvider>> foundHardware = new ArrayList<>();
      List<LoadedProvider<ModelProvider>> foundModels = new ArrayList<>();
      List<LoadedProvider<StrategyProvider>> foundStrategies = new ArrayList<>();
      for (ClassLoader loader : loaders) {
        foundHardware.addAll(
            ProviderLoader.load(
                HardwareProvider.class,
                loader,
                "hardware provider",
                HardwareProvider::id,
                problems));
        foundModels.addAll(
            ProviderLoader.load(
                ModelProvider.class, loader, "model provider", ModelProvider::id, problems));
        foundStrategies.addAll(
            ProviderLoader.load(
                StrategyProvider.class,
                loader,
                "strategy provider",
                StrategyProvider::id,
                problems));
        foundKernelData.addAll(
            ProviderLoader.load(
                KernelDatabaseProvider.class,
                loader,
                "kernel database provider",
                KernelDatabaseProvider::id,
                problems));
      }
      addDirect(extraHardware, foundHardware, "hardware provider", HardwareProvider::id);
      addDirect(extraModels, foundModels, "model provider", ModelProvider::id);
      addDirect(extraStrategies, foundStrategies, "strategy provider", StrategyProvider::id);
      addDirect(
          extraKernelData, foundKernelData, "kernel database provider", KernelDatabaseProvider::id);

      hardware.addAll(unique(foundHardware, "hardware provider", "HardwareProviders"));
      models.addAll(unique(foundModels, "model provider", "ModelProviders"));
      strategies.addAll(unique(foundStrategies, "strategy provider", "StrategyProviders"));
      kernelData.addAll(
          unique(foundKernelData, "kernel database provider", "KernelDatabaseProviders"));

      Map<String, ProviderOrigin> acceleratorOrigins = new LinkedHashMap<>();
      Map<String, ProviderOrigin> systemOrigins = new LinkedHashMap<>();
      Map<String, ProviderOrigin> modelOrigins = new LinkedHashMap<>();
      for (LoadedProvider<HardwareProvider> loaded : hardware) {
        List<AcceleratorSpec> accelerators =
            call(loaded, "hardware provider", "accelerators", HardwareProvider::accelerators, true);
        List<SystemSpec> providedSystems =
            call(loaded, "hardware provider", "systems", HardwareProvider::systems, false);
        if (accelerators == null || providedSystems == null) {
          continue;
        }
        for (AcceleratorSpec accelerator : accelerators) {
          register(
              acceleratorsById,
              acceleratorOrigins,
              accelerator.id(),
              accelerator,
              loaded.origin(),
              "accelerator",
              "HardwareProviders");
        }
        for (SystemSpec system : providedSystems) {
          register(
              systemsById,
              systemOrigins,
              system.id(),
              system,
              loaded.origin(),
              "system",
              "HardwareProviders");
        }
        plugins.add(
            info(
                "hardware",
                loaded,
                description(kindNameOf(loaded), loaded),
                count(accelerators.size(), "accelerator")
                    + ", "
                    + count(providedSystems.size(), "system")));
      }
      for (LoadedProvider<ModelProvider> loaded : models) {
        List<MoeModelSpec> provided =
            call(loaded, "model provider", "models", ModelProvider::models, true);
        if (provided == null) {
          continue;
        }
        for (MoeModelSpec model : provided) {
          register(
              modelsById,
              modelOrigins,
              model.id(),
              model,
              loaded.origin(),
              "model",
              "ModelProviders");
        }
        plugins.add(
            info(
                "model",
                loaded,
                description(kindNameOf(loaded), loaded),
                count(provided.size(), "model")));
      }
      for (LoadedProvider<StrategyProvider> loaded : strategies) {
        List<OptionSpec<?>> options =
            call(loaded, "strategy provider", "options", StrategyProvider::options, false);
        if (options == null) {
          continue;
        }
        try {
          if (loaded.provider().capabilities() == null) {
            problems.add(
                describe("strategy provider", loaded) + " returned null from capabilities()");
            continue;
          }
        } catch (RuntimeException | LinkageError e) {
          problems.add(
              describe("strategy provider", loaded)
                  + " failed in capabilities(): "
                  + ProviderLoader.rootMessage(e));
          continue;
        }
        strategiesById.put(loaded.id(), loaded.provider());
        plugins.add(
            info(
                "strategy",
                loaded,
                description(kindNameOf(loaded), loaded),
                count(options.size(), "option")));
      }
      Map<String, ProviderOrigin> mappingOrigins = new LinkedHashMap<>();
      for (LoadedProvider<KernelDatabaseProvider> loaded : kernelData) {
        addKernelData(loaded, mappingOrigins);
      }
      plugins.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::id));
    }

    private void addKernelData(
        LoadedProvider<KernelDatabaseProvider> loaded, Map<String, ProviderOrigin> origins) {
      String kindName = "kernel database provider";
      List<Path> roots =
          call(loaded, kindName, "kernelDatabases", KernelDatabaseProvider::kernelDatabases, true);
      Map<String, String> mapping;
      try {
        mapping = loaded.provider().systemsByAccelerator();
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            describe(kindName, loaded)
                + " failed in systemsByAccelerator(): "
                + ProviderLoader.rootMessage(e));
        return;
      }
      if (roots == null) {
        return;
      }
      if (mapping == null) {
        problems.add(describe(kindName, loaded) + " returned null from systemsByAccelerator()");
        return;
      }
      for (Path root : roots) {
        if (!Files.isDirectory(root.resolve("systems").resolve("data"))
            && !Files.isDirectory(root.resolve("data"))) {
          problems.add(
              describe(kindName, loaded)
                  + " returned kernel database '"
                  + root
                  + "', which has neither 'systems/data' nor 'data'");
          return;
        }
      }
      for (Map.Entry<String, String> entry : new TreeMap<>(mapping).entrySet()) {
        if (entry.getValue() == null || entry.getValue().isBlank()) {
          problems.add(
              describe(kindName, loaded)
                  + " maps accelerator '"
                  + entry.getKey()
                  + "' to no system in systemsByAccelerator()");
          return;
        }
      }
      for (Map.Entry<String, String> entry : new TreeMap<>(mapping).entrySet()) {
        register(
            kernelSystemsByAccelerator,
            origins,
            entry.getKey(),
            entry.getValue(),
            loaded.origin(),
            "kernel database accelerator",
            "KernelDatabaseProviders");
      }
      kernelDatabases.addAll(roots);
      plugins.add(
          info(
              "kernel-data",
              loaded,
              description(kindNameOf(loaded), loaded),
              count(roots.size(), "kernel database")
                  + ", "
                  + count(mapping.size(), "accelerator")));
    }

    private <T> void addDirect(
        List<T> providers,
        List<LoadedProvider<T>> into,
        String kindName,
        Function<T, String> idOf) {
      for (T provider : providers) {
        LoadedProvider<T> checked =
            ProviderLoader.checkId(
                provider, ProviderOrigin.of(provider.getClass()), kindName, idOf, problems);
        if (checked != null) {
          into.add(checked);
        }
      }
    }

    private <T> List<LoadedProvider<T>> unique(
        List<LoadedProvider<T>> found, String kindName, String plural) {
      Map<String, LoadedProvider<T>> byId = new TreeMap<>();
      for (LoadedProvider<T> loaded : found) {
        LoadedProvider<T> previous = byId.get(loaded.id());
        if (previous == null) {
          byId.put(loaded.id(), loaded);
        } else if (previous.provider().getClass() != loaded.provider().getClass()) {
          problems.add(
              duplicate(
                  kindName + " id",
                  loaded.id(),
                  previous.origin(),
                  loaded.origin(),
                  "Provider ids must be unique among " + plural));
        }
      }
      return new ArrayList<>(byId.values());
    }

    private <T, R> List<R> call(
        LoadedProvider<T> loaded,
        String kindName,
        String method,
        Function<T, List<R>> getter,
        boolean nonEmpty) {
      List<R> values;
      try {
        values = getter.apply(loaded.provider());
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            describe(kindName, loaded)
                + " failed in "
                + method
                + "(): "
                + ProviderLoader.rootMessage(e));
        return null;
      }
      if (values == null) {
        problems.add(describe(kindName, loaded) + " returned null from " + method + "()");
        return null;
      }
      if (nonEmpty && values.isEmpty()) {
        problems.add(
            describe(kindName, loaded)
                + " returned an empty list from "
                + method
                + "(); it must return at least one entry");
        return null;
      }
      for (R value : values) {
        if (value == null) {
          problems.add(
              describe(kindName, loaded) + " returned a null element from " + method + "()");
          return null;
        }
      }
      return values;
    }

    private <V> void register(
        Map<String, V> byId,
        Map<String, ProviderOrigin> origins,
        String id,
        V value,
        ProviderOrigin origin,
        String kind,
        String plural) {
      ProviderOrigin previous = origins.get(id);
      if (previous != null && previous.equals(origin)) {
        problems.add(
            capitalize(kind)
                + " id '"
                + id
                + "' is listed twice by "
                + origin.describe()
                + "; "
                + capitalize(kind)
                + " ids must be unique across all "
                + plural
                + ": remove one entry or rename one id.");
        return;
      }
      if (previous != null) {
        problems.add(
            duplicate(
                kind + " id",
                id,
                previous,
                origin,
                capitalize(kind) + " ids must be unique across all " + plural));
        return;
      }
      origins.put(id, origin);
      byId.put(id, value);
    }

    private static String duplicate(
        String what, String id, ProviderOrigin first, ProviderOrigin second, String rule) {
      return "Duplicate "
          + what
          + " '"
          + id
          + "':\n  from "
          + first.describe()
          + "\n  and  "
          + second.describe()
          + "\n"
          + rule
          + "; remove one jar or rename one id.";
    }

    private static String describe(String kindName, LoadedProvider<?> loaded) {
      return capitalize(kindName)
          + " '"
          + loaded.id()
          + "' "
          + "("
          + loaded.origin().describe()
          + ")";
    }

    /** {@return the provider's description, or its id after recording a problem if it throws} */
    private String description(String kindName, LoadedProvider<?> loaded) {
      Object provider = loaded.provider();
      try {
        String description =
            provider instanceof HardwareProvider hardware
                ? hardware.description()
                : provider instanceof ModelProvider model
                    ? model.description()
                    : provider instanceof StrategyProvider strategy
                        ? strategy.description()
                        : ((KernelDatabaseProvider) provider).description();
        if (description == null) {
          problems.add(describe(kindName, loaded) + " returned null from description()");
          return loaded.id();
        }
        return description;
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            describe(kindName, loaded)
                + " failed in description(): "
                + ProviderLoader.rootMessage(e));
        return loaded.id();
      }
    }

    private static String kindNameOf(LoadedProvider<?> loaded) {
      Object provider = loaded.provider();
      return provider instanceof HardwareProvider
          ? "hardware provider"
          : provider instanceof ModelProvider
              ? "model provider"
              : provider instanceof StrategyProvider
                  ? "strategy provider"
                  : "kernel database provider";
    }

    private static String count(int count, String noun) {
      return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String capitalize(String text) {
      return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static PluginInfo info(
        String kind, LoadedProvider<?> loaded, String description, String contributes) {
      return new PluginInfo(
          kind,
          loaded.id(),
          description,
          loaded.origin().className(),
          loaded.origin().location(),
          loaded.origin().version(),
          contributes);
    }
  }
}

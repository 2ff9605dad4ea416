package dev.afd.engine;

import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.engine.internal.LoadedProvider;
import dev.afd.engine.internal.ProviderLoader;
import dev.afd.engine.internal.ProviderOrigin;
import dev.afd.spi.HardwareProvider;
import dev.afd.spi.KernelDatabaseProvider;
import dev.afd.spi.ModelProvider;
import dev.afd.spi.OptionSpec;
import dev.afd.spi.StrategyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The mutable state of one discovery run: loads providers through {@link java.util.ServiceLoader}
 * and takes directly registered ones, checks their ids and what they return, and collects every
 * problem and warning for {@link AfdEngine.Builder#build()} to report at once.
 */
final class PluginDiscovery {
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
              HardwareProvider.class, loader, "hardware provider", HardwareProvider::id, problems));
      foundModels.addAll(
          ProviderLoader.load(
              ModelProvider.class, loader, "model provider", ModelProvider::id, problems));
      foundStrategies.addAll(
          ProviderLoader.load(
              StrategyProvider.class, loader, "strategy provider", StrategyProvider::id, problems));
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
            count(roots.size(), "kernel database") + ", " + count(mapping.size(), "accelerator")));
  }

  private <T> void addDirect(
      List<T> providers, List<LoadedProvider<T>> into, String kindName, Function<T, String> idOf) {
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
        problems.add(describe(kindName, loaded) + " returned a null element from " + method + "()");
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

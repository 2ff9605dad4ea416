package dev.afd.plugin.hardware.internal;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.AfdPluginException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The accelerators and systems of one vendor, read from a line-based catalog resource.
 *
 * <p>The format, one entry per line ({@code #} starts a comment line):
 *
 * <pre>
 * [defaults]                      keys every accelerator of the file inherits
 * computeEfficiency = 0.8
 *
 * [accelerator nvidia-h200-sxm]   one accelerator; keys are AcceleratorSpec component names
 * name = NVIDIA H200 SXM
 * denseFlopRates.bf16 = 989 TFLOP/s
 * memoryCapacityPerDevice = 141 GiB
 * ...
 *
 * [system h200-nvl8]              one system; dimensions innermost first
 * description = ...
 * accelerator = nvidia-h200-sxm
 * dimension = nvlink, switch, 8, 450 GB/s, 1 us
 * </pre>
 *
 * <p>Every quantity is a unit string parsed by the afd-api parsers. A malformed catalog is a bug in
 * the plugin, so it fails with an {@link AfdPluginException} naming the resource, line, section and
 * key. Immutable and thread-safe.
 *
 * @param resource the resource name, for messages
 * @param accelerators the accelerators, sorted by id
 * @param systems the systems, sorted by id
 */
public record HardwareCatalog(
    String resource, List<AcceleratorSpec> accelerators, List<SystemSpec> systems) {

  // The spec's components but the id (the section name) and the FLOP rates (one key each).
  private static final Set<String> ACCELERATOR_KEYS =
      Arrays.stream(AcceleratorSpec.class.getRecordComponents())
          .map(RecordComponent::getName)
          .filter(name -> !name.equals("id") && !name.equals("denseFlopRates"))
          .collect(Collectors.toUnmodifiableSet());
  private static final List<String> REQUIRED_ACCELERATOR_KEYS =
      List.of(
          "name",
          "vendor",
          "memoryCapacityPerDevice",
          "memoryBandwidth",
          "scaleUpBandwidthPerDirection",
          "scaleOutBandwidthPerDirection",
          "source");
  private static final String FLOP_RATE_PREFIX = "denseFlopRates.";
  private static final Set<String> SYSTEM_KEYS = Set.of("description", "accelerator", "dimension");

  /**
   * Copies the lists.
   *
   * @param resource the resource name
   * @param accelerators the accelerators
   * @param systems the systems
   */
  public HardwareCatalog {
    requireNonNull(resource, "resource");
    accelerators = List.copyOf(accelerators);
    systems = List.copyOf(systems);
  }

  /**
   * Reads a catalog resource that sits beside {@code anchor}.
   *
   * @param anchor a class in the resource's package
   * @param name the resource's simple name, for example {@code "hardware.catalog"}
   * @return the catalog
   * @throws AfdPluginException if the resource is missing or malformed
   */
  public static HardwareCatalog load(Class<?> anchor, String name) {
    String resource = anchor.getPackageName().replace('.', '/') + "/" + name;
    try (InputStream stream = anchor.getResourceAsStream(name)) {
      if (stream == null) {
        throw new AfdPluginException(
            "hardware catalog '" + resource + "' is missing from the class path");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      return parse(resource, reader.lines().toList());
    } catch (IOException e) {
      throw new AfdPluginException("hardware catalog '" + resource + "' cannot be read", e);
    }
  }

  /**
   * Parses catalog lines.
   *
   * @param resource the resource name, for messages
   * @param lines the lines
   * @return the catalog
   * @throws AfdPluginException if a line is malformed
   */
  public static HardwareCatalog parse(String resource, List<String> lines) {
    List<Section> sections = sections(resource, lines);
    Map<String, Entry> defaults = new LinkedHashMap<>();
    List<AcceleratorSpec> accelerators = new ArrayList<>();
    Map<String, AcceleratorSpec> acceleratorsById = new LinkedHashMap<>();
    List<Section> systemSections = new ArrayList<>();
    for (Section section : sections) {
      switch (section.kind()) {
        case "defaults" -> {
          for (Entry entry : section.entries()) {
            checkAcceleratorKey(resource, section, entry);
            defaults.put(entry.key(), entry);
          }
        }
        case "accelerator" -> {
          AcceleratorSpec accelerator = accelerator(resource, section, defaults);
          if (acceleratorsById.put(accelerator.id(), accelerator) != null) {
            throw failure(resource, section.line(), section, "", "repeats the id");
          }
          accelerators.add(accelerator);
        }
        default -> systemSections.add(section);
      }
    }
    List<SystemSpec> systems = new ArrayList<>();
    Set<String> systemIds = new TreeSet<>();
    for (Section section : systemSections) {
      SystemSpec system = system(resource, section, acceleratorsById);
      if (!systemIds.add(system.id())) {
        throw failure(resource, section.line(), section, "", "repeats the id");
      }
      systems.add(system);
    }
    accelerators.sort(Comparator.comparing(AcceleratorSpec::id));
    systems.sort(Comparator.comparing(SystemSpec::id));
    return new HardwareCatalog(resource, accelerators, systems);
  }

  /**
   * {@return the accelerator with this id}
   *
   * @param id the id
   * @throws IllegalArgumentException if the catalog has none
   */
  public AcceleratorSpec accelerator(String id) {
    return accelerators.stream()
        .filter(accelerator -> accelerator.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no accelerator '" + id + "'"));
  }

  /**
   * {@return the system with this id}
   *
   * @param id the id
   * @throws IllegalArgumentException if the catalog has none
   */
  public SystemSpec system(String id) {
    return systems.stream()
        .filter(system -> system.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no system '" + id + "'"));
  }

  private record Entry(String key, String value, int line) {}

  private record Section(String kind, String id, int line, List<Entry> entries) {
    String label() {
      return kind.equals("defaults") ? "[defaults]" : "[" + kind + " " + id + "]";
    }
  }

  private static List<Section> sections(String resource, List<String> lines) {
    List<Section> sections = new ArrayList<>();
    Section current = null;
    for (int index = 0; index < lines.size(); index++) {
      int lineNumber = index + 1;
      String line = lines.get(index).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = header(resource, lineNumber, line);
        for (Section previous : sections) {
          if (previous.kind().equals("defaults") && current.kind().equals("defaults")) {
            throw new AfdPluginException(
                location(resource, lineNumber) + ": repeats the [defaults] section");
          }
        }
        sections.add(current);
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new AfdPluginException(
            location(resource, lineNumber)
                + ": expected 'key = value' or a [section] header, got '"
                + line
                + "'");
      }
      if (current == null) {
        throw new AfdPluginException(
            location(resource, lineNumber)
                + ": entry before the first [section] header: '"
                + line
                + "'");
      }
      String key = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      for (Entry entry : current.entries()) {
        if (entry.key().equals(key) && !key.equals("dimension")) {
          throw failure(
              resource,
              lineNumber,
              current,
              key,
              "repeats the key (first on line %d)".formatted(entry.line()));
        }
      }
      current.entries().add(new Entry(key, value, lineNumber));
    }
    return sections;
  }

  private static Section header(String resource, int lineNumber, String line) {
    if (!line.endsWith("]")) {
      throw new AfdPluginException(
          location(resource, lineNumber) + ": a section header ends with ']', got '" + line + "'");
    }
    String[] words = line.substring(1, line.length() - 1).strip().split("\\s+");
    if (words.length == 1 && words[0].equals("defaults")) {
      return new Section("defaults", "", lineNumber, new ArrayList<>());
    }
    if (words.length == 2 && (words[0].equals("accelerator") || words[0].equals("system"))) {
      return new Section(words[0], words[1], lineNumber, new ArrayList<>());
    }
    throw new AfdPluginException(
        location(resource, lineNumber)
            + ": expected [defaults], [accelerator ID] or [system ID], got '"
            + line
            + "'");
  }

  private static void checkAcceleratorKey(String resource, Section section, Entry entry) {
    if (!ACCELERATOR_KEYS.contains(entry.key()) && !entry.key().startsWith(FLOP_RATE_PREFIX)) {
      List<String> known = new ArrayList<>(new TreeSet<>(ACCELERATOR_KEYS));
      known.add(FLOP_RATE_PREFIX + "<precision>");
      throw failure(
          resource, entry.line(), section, entry.key(), "unknown key; known keys: " + known);
    }
  }

  private static AcceleratorSpec accelerator(
      String resource, Section section, Map<String, Entry> defaults) {
    Map<String, Entry> values = new LinkedHashMap<>(defaults);
    for (Entry entry : section.entries()) {
      checkAcceleratorKey(resource, section, entry);
      values.put(entry.key(), entry);
    }
    for (String key : REQUIRED_ACCELERATOR_KEYS) {
      if (!values.containsKey(key)) {
        throw failure(resource, section.line(), section, key, "is required");
      }
    }
    AcceleratorSpec.Builder builder;
    try {
      builder = AcceleratorSpec.builder(section.id());
    } catch (IllegalArgumentException e) {
      throw failure(resource, section.line(), section, "", e.getMessage());
    }
    boolean anyRate = false;
    DataSize onChipMemory = DataSize.ZERO;
    ByteRate onChipBandwidth = ByteRate.ZERO;
    double computeEfficiency = 0.8;
    double memoryEfficiency = 0.8;
    for (Entry entry : values.values()) {
      String key = entry.key();
      String value = entry.value();
      try {
        if (key.startsWith(FLOP_RATE_PREFIX)) {
          Precision precision = Precision.parse(key.substring(FLOP_RATE_PREFIX.length()));
          builder.denseFlopRate(precision, FlopRate.parse(value));
          anyRate = true;
          continue;
        }
        switch (key) {
          case "name" -> builder.name(value);
          case "vendor" -> builder.vendor(value);
          case "memoryCapacityPerDevice" -> builder.memoryCapacityPerDevice(DataSize.parse(value));
          case "memoryBandwidth" -> builder.memoryBandwidth(ByteRate.parse(value));
          case "onChipMemory" -> onChipMemory = DataSize.parse(value);
          case "onChipBandwidth" -> onChipBandwidth = ByteRate.parse(value);
          case "scaleUpBandwidthPerDirection" ->
              builder.scaleUpBandwidthPerDirection(ByteRate.parse(value));
          case "scaleOutBandwidthPerDirection" ->
              builder.scaleOutBandwidthPerDirection(ByteRate.parse(value));
          case "thermalDesignPowerWatts" -> builder.thermalDesignPowerWatts(number(value));
          case "pricePerHourUsd" -> builder.pricePerHourUsd(number(value));
          case "computeEfficiency" -> computeEfficiency = number(value);
          case "memoryEfficiency" -> memoryEfficiency = number(value);
          case "kernelOverhead" -> builder.kernelOverhead(TimeSpan.parse(value));
          case "source" -> builder.source(value);
          default -> throw new IllegalStateException("unhandled key " + key);
        }
      } catch (AfdConfigurationException | IllegalArgumentException e) {
        throw failure(resource, entry.line(), section, key, e.getMessage());
      }
    }
    if (!anyRate) {
      throw failure(
          resource, section.line(), section, FLOP_RATE_PREFIX + "<precision>", "is required");
    }
    builder.onChipMemory(onChipMemory, onChipBandwidth);
    builder.efficiencies(computeEfficiency, memoryEfficiency);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw failure(resource, section.line(), section, "", e.getMessage());
    }
  }

  private static SystemSpec system(
      String resource, Section section, Map<String, AcceleratorSpec> acceleratorsById) {
    String description = null;
    AcceleratorSpec accelerator = null;
    List<NetworkDimension> dimensions = new ArrayList<>();
    for (Entry entry : section.entries()) {
      switch (entry.key()) {
        case "description" -> description = entry.value();
        case "accelerator" -> {
          accelerator = acceleratorsById.get(entry.value());
          if (accelerator == null) {
            throw failure(
                resource,
                entry.line(),
                section,
                "accelerator",
                "unknown accelerator '"
                    + entry.value()
                    + "'; known accelerators: "
                    + new TreeSet<>(acceleratorsById.keySet()));
          }
        }
        case "dimension" -> dimensions.add(dimension(resource, section, entry));
        default ->
            throw failure(
                resource,
                entry.line(),
                section,
                entry.key(),
                "unknown key; known keys: " + new TreeSet<>(SYSTEM_KEYS));
      }
    }
    for (String key : List.of("description", "accelerator", "dimension")) {
      boolean missing =
          switch (key) {
            case "description" -> description == null;
            case "accelerator" -> accelerator == null;
            default -> dimensions.isEmpty();
          };
      if (missing) {
        throw failure(resource, section.line(), section, key, "is required");
      }
    }
    try {
      return new SystemSpec(section.id(), description, accelerator, dimensions);
    } catch (IllegalArgumentException e) {
      throw failure(resource, section.line(), section, "", e.getMessage());
    }
  }

  private static NetworkDimension dimension(String resource, Section section, Entry entry) {
    String[] parts = entry.value().split(",");
    if (parts.length != 5) {
      throw failure(
          resource,
          entry.line(),
          section,
          "dimension",
          "expected 'name, kind, size, bandwidth per direction, latency', got '"
              + entry.value()
              + "'");
    }
    try {
      String name = parts[0].strip();
      DimensionKind kind = kind(parts[1].strip());
      int size = Integer.parseInt(parts[2].strip());
      return new NetworkDimension(
          name, kind, size, ByteRate.parse(parts[3].strip()), TimeSpan.parse(parts[4].strip()));
    } catch (AfdConfigurationException | IllegalArgumentException e) {
      throw failure(resource, entry.line(), section, "dimension", e.getMessage());
    }
  }

  private static DimensionKind kind(String text) {
    for (DimensionKind kind : DimensionKind.values()) {
      if (kind.id().equals(text)) {
        return kind;
      }
    }
    List<String> known = new ArrayList<>();
    for (DimensionKind kind : DimensionKind.values()) {
      known.add(kind.id());
    }
    throw new IllegalArgumentException(
        "unknown dimension kind '" + text + "'; known kinds: " + known);
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a plain number, got '" + text + "'", e);
    }
  }

  private static String location(String resource, int line) {
    return String.format(Locale.ROOT, "hardware catalog '%s' line %d", resource, line);
  }

  private static AfdPluginException failure(
      String resource, int line, Section section, String key, String problem) {
    String subject = key.isEmpty() ? section.label() : section.label() + " " + key;
    return new AfdPluginException(location(resource, line) + ": " + subject + ": " + problem);
  }
}

package dev.afd.engine.hardware;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.DimensionKind;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.internal.Checks;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads and writes hardware files: custom accelerators, systems and clusters in YAML ({@code
 * .yaml}, {@code .yml}) or JSON ({@code .json}), with quantities as unit strings.
 *
 * <pre>
 * accelerators:
 *   - id: acme-npu
 *     name: ACME NPU
 *     denseFlopRates: {bf16: 500 TFLOP/s, fp8: 1 PFLOP/s}
 *     memoryCapacityPerDevice: 64 GiB
 *     memoryBandwidth: 2 TB/s
 *     scaleUpBandwidthPerDirection: 200 GB/s     # optional, as every field below
 *     scaleOutBandwidthPerDirection: 400 Gbit/s
 * systems:
 *   - id: acme-npu-16
 *     accelerator: acme-npu                      # defined above, or a known id
 *     dimensions:                                # innermost first
 *       - {name: ring, kind: ring, size: 16, bandwidthPerDirection: 200 GB/s, latency: 2 us}
 * clusters:
 *   - id: h200-plus-npu
 *     systems: [h200-nvl8, {system: acme-npu-16, deviceCount: 32}]
 *     crossSystemFabric: {name: ethernet, kind: switch, size: 2, bandwidthPerDirection: 400 Gbit/s,
 *                         latency: 10 us}
 * </pre>
 *
 * <p>Field names are the record component names of {@link AcceleratorSpec}, {@link SystemSpec},
 * {@link NetworkDimension} and {@link ClusterSpec}. Unknown fields are rejected. Every problem is
 * an {@link AfdConfigurationException} whose message names the file and the field path, for example
 * {@code hardware file 'npu.yaml': accelerators[0].memoryBandwidth: Cannot parse byte rate '80 GB':
 * ...}. Stateless and thread-safe.
 */
public final class HardwareFiles {
  private static final List<String> TOP_FIELDS = List.of("accelerators", "systems", "clusters");
  // The record's components themselves, so that the file format follows the spec.
  private static final List<String> ACCELERATOR_FIELDS =
      Arrays.stream(AcceleratorSpec.class.getRecordComponents())
          .map(RecordComponent::getName)
          .toList();
  private static final List<String> SYSTEM_FIELDS =
      List.of("id", "description", "accelerator", "dimensions");
  private static final List<String> DIMENSION_FIELDS =
      List.of("name", "kind", "size", "bandwidthPerDirection", "latency");
  private static final List<String> CLUSTER_FIELDS = List.of("id", "systems", "crossSystemFabric");
  private static final List<String> SYSTEM_REFERENCE_FIELDS = List.of("system", "deviceCount");

  private HardwareFiles() {}

  /**
   * Reads a hardware file that defines everything it uses.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
   * @return the content
   * @throws AfdConfigurationException if the file is missing, malformed or invalid
   */
  public static HardwareFile read(Path file) {
    return read(file, HardwareLookup.empty());
  }

  /**
   * Reads a hardware file whose systems and clusters may refer to known accelerators and systems.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
   * @param known the accelerators and systems the file may refer to by id
   * @return the content
   * @throws AfdConfigurationException if the file is missing, malformed or invalid
   */
  public static HardwareFile read(Path file, HardwareLookup known) {
    String name = file.toString();
    ObjectMapper mapper = mapper(file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AfdConfigurationException("hardware file '" + name + "' does not exist");
    } catch (IOException e) {
      throw new AfdConfigurationException(
          "hardware file '" + name + "' cannot be read: " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AfdConfigurationException(
          "hardware file '" + name + "': " + Json.syntaxError(e), e);
    }
    return new Reader(name, known).file(root);
  }

  /**
   * Writes a hardware file, YAML or JSON by the file name's extension; {@link #read} gives back an
   * equal {@link HardwareFile} (systems and clusters refer to accelerators and systems by id, so
   * read it with a lookup that knows the ids the file does not define).
   *
   * @param content the content
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file; replaced if it exists
   * @throws AfdConfigurationException if the extension is unknown
   * @throws java.io.UncheckedIOException if writing fails
   */
  public static void write(HardwareFile content, Path file) {
    String text = format(content, isJson(file));
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@return a hardware file's text}
   *
   * @param content the content
   * @param json JSON if true, else YAML
   */
  public static String format(HardwareFile content, boolean json) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (!content.accelerators().isEmpty()) {
      root.put("accelerators", map(content.accelerators(), HardwareDescription::accelerator));
    }
    if (!content.systems().isEmpty()) {
      root.put("systems", map(content.systems(), HardwareDescription::system));
    }
    if (!content.clusters().isEmpty()) {
      root.put("clusters", map(content.clusters(), HardwareDescription::cluster));
    }
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(yamlFactory());
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot format a map of strings and numbers", e);
    }
  }

  private static <T> List<Object> map(List<T> values, Function<T, Map<String, Object>> mapper) {
    List<Object> result = new ArrayList<>();
    values.forEach(value -> result.add(mapper.apply(value)));
    return result;
  }

  static YAMLFactory yamlFactory() {
    return YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        // Long descriptions stay on one line instead of folding with "\" escapes.
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .build();
  }

  private static boolean isJson(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    throw new AfdConfigurationException(
        "hardware file '"
            + file
            + "': unknown format; expected a file name ending in .yaml, .yml or .json");
  }

  private static ObjectMapper mapper(Path file) {
    ObjectMapper mapper = isJson(file) ? new ObjectMapper() : new ObjectMapper(yamlFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  /** Walks the tree of one file, keeping the file name for messages. */
  private static final class Reader {
    private final String file;
    private final HardwareLookup known;
    private final Map<String, AcceleratorSpec> accelerators = new LinkedHashMap<>();
    private final Map<String, SystemSpec> systems = new LinkedHashMap<>();
    private final Set<String> clusterIds = new TreeSet<>();

    Reader(String file, HardwareLookup known) {
      this.file = file;
      this.known = known;
    }

    AfdConfigurationException error(String path, String problem) {
      return new AfdConfigurationException(
          "hardware file '" + file + "': " + path + ": " + problem);
    }

    HardwareFile file(JsonNode root) {
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new AfdConfigurationException(
            "hardware file '"
                + file
                + "' is empty; expected a mapping with "
                + String.join(", ", TOP_FIELDS));
      }
      if (!root.isObject()) {
        throw new AfdConfigurationException(
            "hardware file '"
                + file
                + "': expected a mapping with "
                + String.join(", ", TOP_FIELDS)
                + ", got "
                + describe(root));
      }
      checkFields(root, "", TOP_FIELDS);
      List<ClusterSpec> clusters = new ArrayList<>();
      forEachElement(root, "accelerators", this::accelerator);
      forEachElement(root, "systems", this::system);
      forEachElement(root, "clusters", (node, path) -> clusters.add(cluster(node, path)));
      return new HardwareFile(
          List.copyOf(accelerators.values()), List.copyOf(systems.values()), clusters);
    }

    interface ElementReader {
      void read(JsonNode node, String path);
    }

    void forEachElement(JsonNode parent, String field, ElementReader reader) {
      JsonNode list = parent.get(field);
      if (list == null || list.isNull()) {
        return;
      }
      if (!list.isArray()) {
        throw error(field, "expected a list, got " + describe(list));
      }
      for (int index = 0; index < list.size(); index++) {
        String path = field + "[" + index + "]";
        JsonNode element = list.get(index);
        if (!element.isObject()) {
          throw error(path, "expected a mapping, got " + describe(element));
        }
        reader.read(element, path);
      }
    }

    void checkFields(JsonNode node, String path, List<String> known) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(join(path, name), "unknown field; known fields: " + new TreeSet<>(known));
        }
      }
    }

    void accelerator(JsonNode node, String path) {
      checkFields(node, path, ACCELERATOR_FIELDS);
      String id = id(node, path, "accelerator");
      if (accelerators.containsKey(id)) {
        throw error(join(path, "id"), "repeats accelerator id '" + id + "'");
      }
      if (known.findAccelerator(id).isPresent()) {
        throw error(
            join(path, "id"),
            "'" + id + "' is already a known accelerator; choose another id or refer to it");
      }
      AcceleratorSpec.Builder builder = AcceleratorSpec.builder(id);
      optionalText(node, path, "name").ifPresent(builder::name);
      optionalText(node, path, "vendor").ifPresent(builder::vendor);
      String ratesPath = join(path, "denseFlopRates");
      JsonNode rates = required(node, path, "denseFlopRates");
      if (!rates.isObject() || rates.isEmpty()) {
        throw error(
            ratesPath,
            "expected a mapping from precision to dense FLOP rate, for example {bf16: 989 TFLOP/s},"
                + " got "
                + describe(rates));
      }
      for (Map.Entry<String, JsonNode> entry : rates.properties()) {
        String ratePath = join(ratesPath, entry.getKey());
        Precision precision = parse(ratePath, entry.getKey(), Precision::parse);
        FlopRate rate = parse(ratePath, text(entry.getValue(), ratePath), FlopRate::parse);
        if (rate.flopsPerSecond() <= 0) {
          throw error(ratePath, "must be > 0, got '" + rate + "'");
        }
        builder.denseFlopRate(precision, rate);
      }
      DataSize capacity = quantity(node, path, "memoryCapacityPerDevice", DataSize::parse);
      if (capacity.bytes() <= 0) {
        throw error(join(path, "memoryCapacityPerDevice"), "must be > 0, got '" + capacity + "'");
      }
      builder.memoryCapacityPerDevice(capacity);
      ByteRate bandwidth = quantity(node, path, "memoryBandwidth", ByteRate::parse);
      if (bandwidth.bytesPerSecond() <= 0) {
        throw error(join(path, "memoryBandwidth"), "must be > 0, got '" + bandwidth + "'");
      }
      builder.memoryBandwidth(bandwidth);
      builder.onChipMemory(
          optionalQuantity(node, path, "onChipMemory", DataSize::parse, DataSize.ZERO),
          optionalQuantity(node, path, "onChipBandwidth", ByteRate::parse, ByteRate.ZERO));
      builder.scaleUpBandwidthPerDirection(
          optionalQuantity(
              node, path, "scaleUpBandwidthPerDirection", ByteRate::parse, ByteRate.ZERO));
      builder.scaleOutBandwidthPerDirection(
          optionalQuantity(
              node, path, "scaleOutBandwidthPerDirection", ByteRate::parse, ByteRate.ZERO));
      optionalNumber(node, path, "thermalDesignPowerWatts")
          .ifPresent(
              watts ->
                  builder.thermalDesignPowerWatts(
                      check(path, "thermalDesignPowerWatts", watts, Checks::finiteNonNegative)));
      optionalNumber(node, path, "pricePerHourUsd")
          .ifPresent(
              usd ->
                  builder.pricePerHourUsd(
                      check(path, "pricePerHourUsd", usd, Checks::finiteNonNegative)));
      double compute =
          check(
              path,
              "computeEfficiency",
              optionalNumber(node, path, "computeEfficiency").orElse(0.8),
              Checks::fraction);
      double memory =
          check(
              path,
              "memoryEfficiency",
              optionalNumber(node, path, "memoryEfficiency").orElse(0.8),
              Checks::fraction);
      builder.efficiencies(compute, memory);
      if (node.has("kernelOverhead")) {
        builder.kernelOverhead(quantity(node, path, "kernelOverhead", TimeSpan::parse));
      }
      optionalText(node, path, "source").ifPresent(builder::source);
      try {
        accelerators.put(id, builder.build());
      } catch (IllegalArgumentException e) {
        throw error(path, e.getMessage());
      }
    }

    void system(JsonNode node, String path) {
      checkFields(node, path, SYSTEM_FIELDS);
      String id = id(node, path, "system");
      if (systems.containsKey(id)) {
        throw error(join(path, "id"), "repeats system id '" + id + "'");
      }
      if (known.findSystem(id).isPresent()) {
        throw error(
            join(path, "id"),
            "'" + id + "' is already a known system; choose another id or refer to it");
      }
      String description = optionalText(node, path, "description").orElse("");
      String acceleratorPath = join(path, "accelerator");
      String acceleratorId = text(required(node, path, "accelerator"), acceleratorPath);
      AcceleratorSpec accelerator = accelerators.get(acceleratorId);
      if (accelerator == null) {
        accelerator =
            known
                .findAccelerator(acceleratorId)
                .orElseThrow(
                    () ->
                        error(
                            acceleratorPath,
                            "unknown accelerator '"
                                + acceleratorId
                                + "'. Known accelerators: "
                                + known(accelerators.keySet(), known.acceleratorIds())));
      }
      String dimensionsPath = join(path, "dimensions");
      JsonNode list = required(node, path, "dimensions");
      if (!list.isArray() || list.isEmpty()) {
        throw error(
            dimensionsPath,
            "expected a non-empty list of network dimensions, innermost first, got "
                + describe(list));
      }
      List<NetworkDimension> dimensions = new ArrayList<>();
      for (int index = 0; index < list.size(); index++) {
        dimensions.add(dimension(list.get(index), dimensionsPath + "[" + index + "]"));
      }
      try {
        systems.put(id, new SystemSpec(id, description, accelerator, dimensions));
      } catch (IllegalArgumentException e) {
        throw error(path, e.getMessage());
      }
    }

    NetworkDimension dimension(JsonNode node, String path) {
      if (!node.isObject()) {
        throw error(path, "expected a mapping, got " + describe(node));
      }
      checkFields(node, path, DIMENSION_FIELDS);
      String name = text(required(node, path, "name"), join(path, "name"));
      String kindPath = join(path, "kind");
      String kindText = text(required(node, path, "kind"), kindPath);
      DimensionKind kind = null;
      List<String> kinds = new ArrayList<>();
      for (DimensionKind candidate : DimensionKind.values()) {
        kinds.add(candidate.id());
        if (candidate.id().equals(kindText)) {
          kind = candidate;
        }
      }
      if (kind == null) {
        throw error(kindPath, "unknown dimension kind '" + kindText + "'; known kinds: " + kinds);
      }
      int size = integer(node, path, "size");
      if (size < 1) {
        throw error(join(path, "size"), "must be >= 1, got '" + size + "'");
      }
      ByteRate bandwidth = quantity(node, path, "bandwidthPerDirection", ByteRate::parse);
      if (bandwidth.bytesPerSecond() <= 0) {
        throw error(join(path, "bandwidthPerDirection"), "must be > 0, got '" + bandwidth + "'");
      }
      TimeSpan latency = quantity(node, path, "latency", TimeSpan::parse);
      return new NetworkDimension(name, kind, size, bandwidth, latency);
    }

    ClusterSpec cluster(JsonNode node, String path) {
      checkFields(node, path, CLUSTER_FIELDS);
      String id = id(node, path, "cluster");
      if (!clusterIds.add(id)) {
        throw error(join(path, "id"), "repeats cluster id '" + id + "'");
      }
      if (known.findCluster(id).isPresent()) {
        throw error(join(path, "id"), "'" + id + "' is already a known cluster; choose another id");
      }
      String systemsPath = join(path, "systems");
      JsonNode list = required(node, path, "systems");
      if (!list.isArray() || list.isEmpty()) {
        throw error(
            systemsPath,
            "expected a non-empty list of system ids or {system, deviceCount} mappings, got "
                + describe(list));
      }
      List<SystemSpec> members = new ArrayList<>();
      Set<String> seen = new TreeSet<>();
      for (int index = 0; index < list.size(); index++) {
        String elementPath = systemsPath + "[" + index + "]";
        SystemSpec system = systemReference(list.get(index), elementPath);
        if (!seen.add(system.id())) {
          throw error(elementPath, "repeats system '" + system.id() + "'");
        }
        members.add(system);
      }
      NetworkDimension fabric;
      JsonNode fabricNode = node.get("crossSystemFabric");
      if (fabricNode == null || fabricNode.isNull()) {
        if (members.size() > 1) {
          throw error(
              join(path, "crossSystemFabric"),
              "is required when a cluster joins more than one system");
        }
        List<NetworkDimension> dimensions = members.get(0).dimensions();
        fabric = dimensions.get(dimensions.size() - 1);
      } else {
        fabric = dimension(fabricNode, join(path, "crossSystemFabric"));
      }
      return new ClusterSpec(id, members, fabric);
    }

    SystemSpec systemReference(JsonNode node, String path) {
      String systemPath = path;
      JsonNode idNode = node;
      Integer deviceCount = null;
      if (node.isObject()) {
        checkFields(node, path, SYSTEM_REFERENCE_FIELDS);
        systemPath = join(path, "system");
        idNode = required(node, path, "system");
        if (node.has("deviceCount")) {
          deviceCount = integer(node, path, "deviceCount");
          if (deviceCount < 1) {
            throw error(join(path, "deviceCount"), "must be >= 1, got '" + deviceCount + "'");
          }
        }
      }
      String systemId = text(idNode, systemPath);
      String messagePath = systemPath;
      SystemSpec system = systems.get(systemId);
      if (system == null) {
        system =
            known
                .findSystem(systemId)
                .orElseThrow(
                    () ->
                        error(
                            messagePath,
                            "unknown system '"
                                + systemId
                                + "'. Known systems: "
                                + known(systems.keySet(), known.systemIds())));
      }
      if (deviceCount == null) {
        return system;
      }
      // The outermost dimension is resized in whole units; a count above the limit, or one that
      // is not a whole number of units, would silently give the cluster another size.
      if (deviceCount > SystemSpec.MAX_DEVICES) {
        throw error(
            join(path, "deviceCount"),
            "must be at most "
                + SystemSpec.MAX_DEVICES
                + " (the most devices afd models), got '"
                + deviceCount
                + "'");
      }
      SystemSpec part = system.withDeviceCount(deviceCount);
      if (part.deviceCount() != deviceCount) {
        int unit =
            system.deviceCount() / system.dimensions().get(system.dimensions().size() - 1).size();
        throw error(
            join(path, "deviceCount"),
            "must be a multiple of "
                + unit
                + " (the devices inside one unit of the outermost dimension of system '"
                + systemId
                + "'), got '"
                + deviceCount
                + "'");
      }
      return part;
    }

    String id(JsonNode node, String path, String what) {
      String idPath = join(path, "id");
      String id = text(required(node, path, "id"), idPath);
      if (!Checks.isValidId(id)) {
        throw error(
            idPath,
            what
                + " id must be lower-case kebab-case ([a-z0-9]+(-[a-z0-9]+)*, at most 64"
                + " characters), got '"
                + id
                + "'");
      }
      return id;
    }

    JsonNode required(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw error(join(path, field), "is required");
      }
      return value;
    }

    String text(JsonNode node, String path) {
      if (!node.isValueNode() || node.isNull()) {
        throw error(path, "expected a text value, got " + describe(node));
      }
      return node.asText();
    }

    Optional<String> optionalText(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      return Optional.of(text(value, join(path, field)));
    }

    Optional<Double> optionalNumber(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isNumber()) {
        throw error(join(path, field), "expected a number, got " + describe(value));
      }
      return Optional.of(value.doubleValue());
    }

    int integer(JsonNode node, String path, String field) {
      JsonNode value = required(node, path, field);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw error(join(path, field), "expected a whole number, got " + describe(value));
      }
      return value.intValue();
    }

    <T> T quantity(JsonNode node, String path, String field, Function<String, T> parser) {
      String fieldPath = join(path, field);
      return parse(fieldPath, text(required(node, path, field), fieldPath), parser);
    }

    <T> T optionalQuantity(
        JsonNode node, String path, String field, Function<String, T> parser, T absent) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return absent;
      }
      String fieldPath = join(path, field);
      return parse(fieldPath, text(value, fieldPath), parser);
    }

    <T> T parse(String path, String text, Function<String, T> parser) {
      try {
        return parser.apply(text);
      } catch (AfdConfigurationException e) {
        throw error(path, e.getMessage());
      }
    }

    double check(String path, String field, double value, ValueCheck check) {
      try {
        check.apply(value, field);
        return value;
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw error(
            join(path, field),
            message.startsWith(field + " ") ? message.substring(field.length() + 1) : message);
      }
    }

    interface ValueCheck {
      double apply(double value, String name);
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static List<String> known(Iterable<String> fromFile, List<String> known) {
    TreeSet<String> ids = new TreeSet<>(known);
    fromFile.forEach(ids::add);
    return List.copyOf(ids);
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "'" + node.asText() + "'";
    }
    return "'" + node + "'";
  }
}

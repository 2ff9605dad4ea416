package dev.afd.engine.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.hardware.NetworkDimension;
import dev.afd.api.hardware.SystemSpec;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON-ready views of hardware: the maps behind {@code afd hardware show ID --json} and the rows of
 * {@code afd hardware list}.
 *
 * <p>Maps are ordered ({@link LinkedHashMap}) and hold only strings, numbers, lists and maps;
 * quantities are canonical unit strings ({@code "141 GiB"}, {@code "4.8 TB/s"}). The accelerator,
 * system and cluster maps use exactly the fields of a hardware file, so the output of {@code show}
 * can be pasted into one. Stateless and thread-safe.
 */
public final class HardwareDescription {

  /** Column headers of {@link #rows}. */
  public static final List<String> HEADERS =
      List.of(
          "kind",
          "id",
          "accelerator",
          "devices",
          "memory",
          "memory bandwidth",
          "dense bf16",
          "dense fp8",
          "dense fp4",
          "scale-up",
          "scale-out",
          "description");

  private HardwareDescription() {}

  /**
   * One row of {@code afd hardware list}; every cell is already formatted.
   *
   * @param kind {@code "accelerator"} or {@code "system"}
   * @param id the id
   * @param accelerator the accelerator id (the id itself for an accelerator)
   * @param devices the device count of a system, {@code "1"} for an accelerator
   * @param memory HBM capacity per device
   * @param memoryBandwidth HBM bandwidth per device
   * @param denseBf16 dense BF16 peak, or {@code "-"}
   * @param denseFp8 dense FP8 peak, or {@code "-"}
   * @param denseFp4 dense FP4 peak, or {@code "-"}
   * @param scaleUp scale-up bandwidth per device per direction
   * @param scaleOut scale-out bandwidth per device per direction
   * @param description the name of an accelerator or the description of a system
   */
  public record Row(
      String kind,
      String id,
      String accelerator,
      String devices,
      String memory,
      String memoryBandwidth,
      String denseBf16,
      String denseFp8,
      String denseFp4,
      String scaleUp,
      String scaleOut,
      String description) {

    /** {@return the cells in the order of {@link #HEADERS}; a null cell fails here} */
    public List<String> cells() {
      return List.of(
          kind,
          id,
          accelerator,
          devices,
          memory,
          memoryBandwidth,
          denseBf16,
          denseFp8,
          denseFp4,
          scaleUp,
          scaleOut,
          description);
    }
  }

  /**
   * {@return the rows of {@code afd hardware list}: accelerators by id, then systems by id}
   *
   * @param accelerators the accelerators
   * @param systems the systems
   */
  public static List<Row> rows(
      Collection<AcceleratorSpec> accelerators, Collection<SystemSpec> systems) {
    List<Row> rows = new ArrayList<>();
    accelerators.stream()
        .sorted(Comparator.comparing(AcceleratorSpec::id))
        .forEach(
            accelerator ->
                rows.add(row("accelerator", accelerator.id(), 1, accelerator, accelerator.name())));
    systems.stream()
        .sorted(Comparator.comparing(SystemSpec::id))
        .forEach(
            system ->
                rows.add(
                    row(
                        "system",
                        system.id(),
                        system.deviceCount(),
                        system.accelerator(),
                        system.description())));
    return List.copyOf(rows);
  }

  private static Row row(
      String kind, String id, int devices, AcceleratorSpec accelerator, String description) {
    return new Row(
        kind,
        id,
        accelerator.id(),
        Integer.toString(devices),
        accelerator.memoryCapacityPerDevice().toString(),
        accelerator.memoryBandwidth().toString(),
        rate(accelerator, Precision.BF16),
        rate(accelerator, Precision.FP8),
        rate(accelerator, Precision.NVFP4),
        accelerator.scaleUpBandwidthPerDirection().toString(),
        accelerator.scaleOutBandwidthPerDirection().toString(),
        description);
  }

  private static String rate(AcceleratorSpec accelerator, Precision precision) {
    Optional<FlopRate> rate = accelerator.denseFlopRate(precision);
    return rate.map(FlopRate::toString).orElse("-");
  }

  /**
   * {@return the output of {@code afd hardware show ID --json} for an accelerator: {@code "kind":
   * "accelerator"} followed by the hardware-file fields}
   *
   * @param accelerator the accelerator
   */
  public static Map<String, Object> show(AcceleratorSpec accelerator) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", "accelerator");
    result.putAll(accelerator(accelerator));
    return result;
  }

  /**
   * {@return the output of {@code afd hardware show ID --json} for a system: {@code "kind":
   * "system"}, the hardware-file fields, the device counts, and the accelerator's fields under
   * {@code "acceleratorSpec"}}
   *
   * @param system the system
   */
  public static Map<String, Object> show(SystemSpec system) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", "system");
    result.putAll(system(system));
    result.put("deviceCount", system.deviceCount());
    result.put("devicesPerNode", system.devicesPerNode());
    result.put("acceleratorSpec", accelerator(system.accelerator()));
    return result;
  }

  /**
   * {@return an accelerator as hardware-file fields, in the order of the record's components}
   *
   * @param accelerator the accelerator
   */
  public static Map<String, Object> accelerator(AcceleratorSpec accelerator) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", accelerator.id());
    result.put("name", accelerator.name());
    result.put("vendor", accelerator.vendor());
    Map<String, Object> rates = new LinkedHashMap<>();
    accelerator
        .denseFlopRates()
        .forEach((precision, rate) -> rates.put(precision.id(), rate.toString()));
    result.put("denseFlopRates", rates);
    result.put("memoryCapacityPerDevice", accelerator.memoryCapacityPerDevice().toString());
    result.put("memoryBandwidth", accelerator.memoryBandwidth().toString());
    result.put("onChipMemory", accelerator.onChipMemory().toString());
    result.put("onChipBandwidth", accelerator.onChipBandwidth().toString());
    result.put(
        "scaleUpBandwidthPerDirection", accelerator.scaleUpBandwidthPerDirection().toString());
    result.put(
        "scaleOutBandwidthPerDirection", accelerator.scaleOutBandwidthPerDirection().toString());
    result.put("thermalDesignPowerWatts", accelerator.thermalDesignPowerWatts());
    result.put("pricePerHourUsd", accelerator.pricePerHourUsd());
    result.put("computeEfficiency", accelerator.computeEfficiency());
    result.put("memoryEfficiency", accelerator.memoryEfficiency());
    result.put("kernelOverhead", accelerator.kernelOverhead().toString());
    result.put("source", accelerator.source());
    return result;
  }

  /**
   * {@return a system as hardware-file fields; the accelerator appears by id}
   *
   * @param system the system
   */
  public static Map<String, Object> system(SystemSpec system) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", system.id());
    result.put("description", system.description());
    result.put("accelerator", system.accelerator().id());
    List<Object> dimensions = new ArrayList<>();
    for (NetworkDimension dimension : system.dimensions()) {
      dimensions.add(dimension(dimension));
    }
    result.put("dimensions", dimensions);
    return result;
  }

  /**
   * {@return a cluster as hardware-file fields; each system appears by id with its device count}
   *
   * @param cluster the cluster
   */
  public static Map<String, Object> cluster(ClusterSpec cluster) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", cluster.id());
    List<Object> systems = new ArrayList<>();
    for (SystemSpec system : cluster.systems()) {
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("system", system.id());
      reference.put("deviceCount", system.deviceCount());
      systems.add(reference);
    }
    result.put("systems", systems);
    result.put("crossSystemFabric", dimension(cluster.crossSystemFabric()));
    return result;
  }

  /**
   * {@return a network dimension as hardware-file fields}
   *
   * @param dimension the dimension
   */
  public static Map<String, Object> dimension(NetworkDimension dimension) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", dimension.name());
    result.put("kind", dimension.kind().id());
    result.put("size", dimension.size());
    result.put("bandwidthPerDirection", dimension.bandwidthPerDirection().toString());
    result.put("latency", dimension.latency().toString());
    return result;
  }

  /**
   * {@return a description (one of the maps above) as YAML, the text form of {@code afd hardware
   * show ID}}
   *
   * @param description a map of strings, numbers, lists and maps
   */
  public static String yaml(Map<String, Object> description) {
    ObjectMapper mapper = new ObjectMapper(HardwareFiles.yamlFactory());
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return mapper.writeValueAsString(description);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot format a map of strings and numbers", e);
    }
  }
}

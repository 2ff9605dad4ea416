package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GPU figures of an AIConfigurator {@code systems/<system>.yaml} that roofline models need.
 *
 * <p>This stays in primitive SI units (bytes per second, FLOP per second) because it feeds the hot
 * roofline arithmetic of the kernel database; the engine converts to unit types at its boundary.
 *
 * @param memoryBandwidthBytesPerSecond peak HBM bandwidth per GPU ({@code gpu.mem_bw})
 * @param denseTensorCoreFlopsPerSecond dense tensor-core peak per GPU by data type, from the {@code
 *     gpu.<dtype>_tc_flops} keys, for example {@code bfloat16} or {@code fp8}
 */
public record SystemSpecification(
    double memoryBandwidthBytesPerSecond, Map<String, Double> denseTensorCoreFlopsPerSecond) {
  private static final String FLOPS_SUFFIX = "_tc_flops";

  public SystemSpecification {
    requireNonNull(denseTensorCoreFlopsPerSecond, "denseTensorCoreFlopsPerSecond");
    if (!(memoryBandwidthBytesPerSecond > 0) || Double.isInfinite(memoryBandwidthBytesPerSecond)) {
      throw new IllegalArgumentException(
          "memoryBandwidthBytesPerSecond must be finite and > 0, got '"
              + memoryBandwidthBytesPerSecond
              + " B/s'");
    }
    // A sorted copy keeps iteration order, and so any output derived from it, deterministic.
    denseTensorCoreFlopsPerSecond =
        Collections.unmodifiableMap(new TreeMap<>(denseTensorCoreFlopsPerSecond));
  }

  /** {@return the dense tensor-core peak for a data type, if the system file lists it} */
  public Optional<Double> denseFlopsPerSecond(String dataType) {
    return Optional.ofNullable(denseTensorCoreFlopsPerSecond.get(dataType));
  }

  /**
   * Reads the GPU section of a system file.
   *
   * @throws UncheckedIOException if the file cannot be read or is not YAML
   * @throws IllegalArgumentException if {@code gpu.mem_bw} is missing or not a positive number
   */
  static SystemSpecification read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException exception) {
      // One line with the location, not the parser's multi-line excerpt.
      throw new UncheckedIOException(
          "Cannot read system file '" + file + "': " + Json.syntaxError(exception), exception);
    } catch (IOException exception) {
      throw new UncheckedIOException(
          "Cannot read system file '" + file + "': " + exception.getMessage(), exception);
    }
    JsonNode gpu = root == null ? null : root.get("gpu");
    JsonNode bandwidth = gpu == null ? null : gpu.get("mem_bw");
    if (bandwidth == null || !bandwidth.isNumber() || !(bandwidth.asDouble() > 0)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "System file '%s' must give gpu.mem_bw in bytes per second as a positive number,"
                  + " got '%s'",
              file,
              bandwidth));
    }
    Map<String, Double> flops = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : gpu.properties()) {
      if (field.getKey().endsWith(FLOPS_SUFFIX) && field.getValue().isNumber()) {
        String dataType =
            field.getKey().substring(0, field.getKey().length() - FLOPS_SUFFIX.length());
        flops.put(dataType, field.getValue().asDouble());
      }
    }
    return new SystemSpecification(bandwidth.asDouble(), flops);
  }
}

package dev.afd.engine;

import static java.util.Objects.requireNonNull;

/**
 * One discovered provider, for listings such as {@code afd plugins}.
 *
 * @param kind {@code "hardware"}, {@code "kernel-data"}, {@code "model"} or {@code "strategy"}
 * @param id the provider id
 * @param description the provider's one-line description
 * @param providerClass the implementing class
 * @param location the jar file name or class directory it came from
 * @param version the jar's {@code Implementation-Version}, or {@code "unknown"}
 * @param contributes what it contributes, for example {@code "9 accelerators, 10 systems"}
 */
public record PluginInfo(
    String kind,
    String id,
    String description,
    String providerClass,
    String location,
    String version,
    String contributes) {

  /** Validates the record. */
  public PluginInfo {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    requireNonNull(description, "description");
    requireNonNull(providerClass, "providerClass");
    requireNonNull(location, "location");
    requireNonNull(version, "version");
    requireNonNull(contributes, "contributes");
  }
}

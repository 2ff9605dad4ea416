package dev.afd.engine.internal;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a provider class came from: its jar or class directory, and its version. */
public record ProviderOrigin(String className, String location, String version) {

  /** {@return the origin of a class, read before anything of it runs} */
  public static ProviderOrigin of(Class<?> type) {
    String location = "unknown location";
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      location = fileName(source.getLocation());
    }
    Package owner = type.getPackage();
    String version = owner == null ? null : owner.getImplementationVersion();
    return new ProviderOrigin(type.getName(), location, version == null ? "unknown" : version);
  }

  private static String fileName(URL url) {
    try {
      Path path = Path.of(url.toURI());
      Path name = path.getFileName();
      return name == null ? path.toString() : name.toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return url.toString();
    }
  }

  /** {@return "class (location)"} */
  public String describe() {
    return className + " (" + location + ")";
  }
}

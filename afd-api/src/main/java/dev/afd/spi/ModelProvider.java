package dev.afd.spi;

import dev.afd.api.model.MoeModelSpec;
import java.util.List;

/**
 * Contributes model architectures to the engine.
 *
 * <p>Discovered with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(ModelProvider.class)}). Same lifecycle rules as {@link HardwareProvider}. Run
 * {@code dev.afd.tck.ModelProviderContract} against every implementation.
 *
 * @since 0.1
 */
public interface ModelProvider {

  /** {@return this provider's id; unique among model providers} */
  String id();

  /** {@return a one-line human description; defaults to the id} */
  default String description() {
    return id();
  }

  /** {@return every model this provider describes, never empty; ids unique across providers} */
  List<MoeModelSpec> models();
}

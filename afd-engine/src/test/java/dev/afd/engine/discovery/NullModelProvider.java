package dev.afd.engine.discovery;

import dev.afd.api.model.MoeModelSpec;
import dev.afd.spi.ModelProvider;
import java.util.List;

/** Returns null from models(). */
public final class NullModelProvider implements ModelProvider {
  @Override
  public String id() {
    return "null-models";
  }

  @Override
  @SuppressWarnings("NullAway") // The fixture breaks the contract on purpose.
  public List<MoeModelSpec> models() {
    return nothing();
  }

  private static <T> T nothing() {
    return null;
  }
}

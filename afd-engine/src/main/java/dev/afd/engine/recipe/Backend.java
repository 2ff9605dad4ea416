package dev.afd.engine.recipe;

import static java.util.Objects.requireNonNull;

import dev.afd.api.AfdConfigurationException;
import java.util.Arrays;
import java.util.List;

/**
 * A serving framework whose recipe afd models and whose kernel tables it reads. The id is the
 * directory name of the framework's tables in an AIConfigurator-format kernel database and the
 * {@code backend} column of a silicon sample.
 */
public enum Backend {
  /** NVIDIA TensorRT-LLM (PyTorch flow). */
  TRTLLM("trtllm", "TensorRT-LLM"),
  /** vLLM. */
  VLLM("vllm", "vLLM"),
  /** SGLang. */
  SGLANG("sglang", "SGLang");

  private final String id;
  private final String displayName;

  Backend(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** {@return the id, for example {@code trtllm}} */
  public String id() {
    return id;
  }

  /** {@return the framework's name, for example {@code TensorRT-LLM}} */
  public String displayName() {
    return displayName;
  }

  /** {@return every id, in declaration order} */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Backend::id).toList();
  }

  /**
   * {@return the backend with this id}
   *
   * @throws AfdConfigurationException naming the value and the known ids
   */
  public static Backend of(String id) {
    requireNonNull(id, "id");
    for (Backend backend : values()) {
      if (backend.id.equals(id)) {
        return backend;
      }
    }
    throw new AfdConfigurationException("Unknown backend '" + id + "'; expected one of " + ids());
  }
}

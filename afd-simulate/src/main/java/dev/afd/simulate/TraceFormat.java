package dev.afd.simulate;

import dev.afd.api.AfdConfigurationException;
import java.util.ArrayList;
import java.util.List;

/** The trace formats {@link TraceReader} replays (docs/simulate.md). */
public enum TraceFormat {
  /** afd's JSON Lines: {@code arrival} s, {@code input}, {@code output}, {@code prefix}. */
  AFD("afd"),
  /**
   * Mooncake's published JSON Lines: {@code timestamp} ms, {@code input_length}, {@code
   * output_length}, {@code hash_ids} (one per 512-token block of the prompt).
   */
  MOONCAKE("mooncake"),
  /**
   * Azure's LLM inference CSV: {@code TIMESTAMP}, {@code ContextTokens}, {@code GeneratedTokens}.
   */
  AZURE("azure");

  private final String id;

  TraceFormat(String id) {
    this.id = id;
  }

  /** {@return the format's id, as {@code --trace-format} takes it} */
  public String id() {
    return id;
  }

  /**
   * {@return the format of an id}
   *
   * @throws AfdConfigurationException naming {@code --trace-format}, the value and the ids
   */
  public static TraceFormat parse(String text) {
    List<String> ids = new ArrayList<>();
    for (TraceFormat format : values()) {
      if (format.id.equals(text)) {
        return format;
      }
      ids.add(format.id);
    }
    throw new AfdConfigurationException(
        "Option --trace-format '" + text + "' is not a trace format; expected one of " + ids);
  }
}

package dev.afd.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.afd.api.AfdConfigurationException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Streams afd's request trace: JSON Lines, one request per line, in arrival order, for example
 *
 * <pre>{@code
 * {"arrival": 0.125, "input": 512, "output": 256, "prefix": 4096, "prefix_id": "system-a"}
 * }</pre>
 *
 * <p>{@code arrival} is seconds from the trace's start (non-decreasing), {@code input} the new
 * prompt tokens (≥ 1), {@code output} the output tokens (≥ 1), {@code prefix} the reused prefix
 * tokens (≥ 0, default 0), {@code prefix_id} an optional name of the shared prefix (accepted;
 * whether a prefix is cached follows the hit rate, see docs/simulate.md). Blank lines are skipped.
 * Only one line is held at a time, so a trace of any length replays in the memory of the requests
 * in flight.
 */
final class TraceReader implements Closeable {
  /** One line of the trace. */
  record Line(double arrivalSeconds, long inputTokens, long outputTokens, long prefixTokens) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path file;
  private final BufferedReader reader;
  private long lineNumber;
  private double lastArrival;

  TraceReader(Path file) {
    this.file = file;
    try {
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AfdConfigurationException("Cannot read trace '" + file + "': " + e.getMessage(), e);
    }
  }

  /** {@return the next request, null at the end} */
  @Nullable Line next() {
    String text;
    try {
      do {
        text = reader.readLine();
        lineNumber++;
      } while (text != null && text.isBlank());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text == null) {
      return null;
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw error("is not a JSON object", text, "{\"arrival\": S, \"input\": N, \"output\": N}");
    }
    if (node == null || !node.isObject()) {
      throw error("is not a JSON object", text, "{\"arrival\": S, \"input\": N, \"output\": N}");
    }
    double arrival = number(node, "arrival", true, 0);
    if (arrival < lastArrival) {
      throw error(
          "field 'arrival'",
          node.get("arrival").asText(),
          "arrival times in non-decreasing order (previous " + lastArrival + ")");
    }
    lastArrival = arrival;
    long input = count(node, "input", 1, true);
    long output = count(node, "output", 1, true);
    long prefix = count(node, "prefix", 0, false);
    return new Line(arrival, input, output, prefix);
  }

  private double number(JsonNode node, String field, boolean required, double fallback) {
    JsonNode value = node.get(field);
    if (value == null) {
      if (required) {
        throw error("has no field '" + field + "'", "", "a number of seconds >= 0");
      }
      return fallback;
    }
    if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
      throw error("field '" + field + "'", value.toString(), "a number of seconds >= 0");
    }
    return value.asDouble();
  }

  private long count(JsonNode node, String field, long least, boolean required) {
    JsonNode value = node.get(field);
    String expected = "an integer number of tokens >= " + least;
    if (value == null) {
      if (required) {
        throw error("has no field '" + field + "'", "", expected);
      }
      return 0;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < least) {
      throw error("field '" + field + "'", value.toString(), expected);
    }
    return value.asLong();
  }

  private AfdConfigurationException error(String what, String value, String expected) {
    return new AfdConfigurationException(
        String.format(
            Locale.ROOT,
            "Trace '%s' line %d: %s%s; expected %s",
            file,
            lineNumber,
            what,
            value.isEmpty() ? "" : " '" + value + "'",
            expected));
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

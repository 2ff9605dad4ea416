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
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Streams a request trace, one request per line in arrival order, in one of three formats ({@link
 * TraceFormat}):
 *
 * <ul>
 *   <li>afd's JSON Lines, for example {@code {"arrival": 0.125, "input": 512, "output": 256,
 *       "prefix": 4096, "prefix_id": "system-a"}}: {@code arrival} seconds from the trace's start,
 *       {@code input} the new prompt tokens (≥ 1), {@code output} the output tokens (≥ 1), {@code
 *       prefix} the reused prefix tokens (≥ 0, default 0), {@code prefix_id} accepted;
 *   <li>Mooncake's JSON Lines, {@code {"timestamp": 27482, "input_length": 6955, "output_length":
 *       52, "hash_ids": [46, 47, ...]}}: {@code timestamp} milliseconds, the prompt's {@code
 *       input_length} and {@code output_length} tokens, and one hash id per 512-token block of the
 *       prompt, equal ids meaning equal prefixes up to that block. The reused prefix is the leading
 *       blocks whose ids an earlier request already had ({@value #BLOCK_TOKENS} tokens each, at
 *       most the prompt less one token), the rest is new input;
 *   <li>Azure's LLM inference CSV, a header naming {@code TIMESTAMP}, {@code ContextTokens} and
 *       {@code GeneratedTokens} (any order, other columns ignored), then rows such as {@code
 *       2023-11-16 18:15:46.6805900,4808,10}: arrivals are seconds since the first row's timestamp,
 *       no prefix.
 * </ul>
 *
 * <p>Arrivals must not decrease. Blank lines are skipped. A bad line fails naming the file, line,
 * field, value and what was expected. Only one line is held at a time, so a trace of any length
 * replays in the memory of the requests in flight (plus, for Mooncake, the set of hash ids seen).
 */
final class TraceReader implements Closeable {
  /** Tokens per Mooncake hash block. */
  static final int BLOCK_TOKENS = 512;

  /** One line of the trace. */
  record Line(double arrivalSeconds, long inputTokens, long outputTokens, long prefixTokens) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter AZURE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final Path file;
  private final TraceFormat format;
  private final BufferedReader reader;
  private long lineNumber;
  private double lastArrival;
  // Azure: the columns of the three fields, and the first row's time.
  private int timeColumn = -1;
  private int contextColumn = -1;
  private int generatedColumn = -1;
  private @Nullable LocalDateTime start;
  // Mooncake: every hash id seen so far.
  private final Set<Long> seenBlocks = new HashSet<>();

  TraceReader(Path file) {
    this(file, TraceFormat.AFD);
  }

  TraceReader(Path file, TraceFormat format) {
    this.file = file;
    this.format = format;
    try {
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AfdConfigurationException("Cannot read trace '" + file + "': " + e.getMessage(), e);
    }
  }

  private @Nullable String nextText() {
    String text;
    try {
      do {
        text = reader.readLine();
        lineNumber++;
      } while (text != null && text.isBlank());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  /** {@return the next request, null at the end} */
  @Nullable Line next() {
    if (format == TraceFormat.AZURE) {
      return nextAzure();
    }
    String text = nextText();
    if (text == null) {
      return null;
    }
    String shape =
        format == TraceFormat.AFD
            ? "{\"arrival\": S, \"input\": N, \"output\": N}"
            : "{\"timestamp\": MS, \"input_length\": N, \"output_length\": N, \"hash_ids\": [...]}";
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw error("is not a JSON object", text, shape);
    }
    if (node == null || !node.isObject()) {
      throw error("is not a JSON object", text, shape);
    }
    if (format == TraceFormat.MOONCAKE) {
      return mooncake(node);
    }
    double arrival = arrival(node, "arrival", number(node, "arrival", "a number of seconds >= 0"));
    long input = count(node, "input", 1, true);
    long output = count(node, "output", 1, true);
    long prefix = count(node, "prefix", 0, false);
    return new Line(arrival, input, output, prefix);
  }

  private Line mooncake(JsonNode node) {
    double milliseconds = number(node, "timestamp", "a number of milliseconds >= 0");
    double arrival = arrival(node, "timestamp", milliseconds / 1e3);
    long input = count(node, "input_length", 1, true);
    long output = count(node, "output_length", 1, true);
    JsonNode hashes = node.get("hash_ids");
    if (hashes == null) {
      throw error("has no field 'hash_ids'", "", "an array of integer block hash ids");
    }
    if (!hashes.isArray()) {
      throw error("field 'hash_ids'", hashes.toString(), "an array of integer block hash ids");
    }
    long shared = 0;
    boolean leading = true;
    for (JsonNode hash : hashes) {
      if (!hash.isIntegralNumber() || !hash.canConvertToLong()) {
        throw error("field 'hash_ids'", hash.toString(), "an array of integer block hash ids");
      }
      boolean seen = !seenBlocks.add(hash.asLong());
      leading &= seen;
      if (leading) {
        shared++;
      }
    }
    long prefix = Math.min(shared * BLOCK_TOKENS, input - 1);
    return new Line(arrival, input - prefix, output, prefix);
  }

  private @Nullable Line nextAzure() {
    if (timeColumn < 0) {
      String header = nextText();
      if (header == null) {
        return null;
      }
      String[] names = header.split(",", -1);
      for (int index = 0; index < names.length; index++) {
        switch (names[index].trim()) {
          case "TIMESTAMP" -> timeColumn = index;
          case "ContextTokens" -> contextColumn = index;
          case "GeneratedTokens" -> generatedColumn = index;
          default -> {
            // other columns are ignored
          }
        }
      }
      if (timeColumn < 0 || contextColumn < 0 || generatedColumn < 0) {
        throw error(
            "header", header, "a CSV header naming TIMESTAMP, ContextTokens and GeneratedTokens");
      }
    }
    String text = nextText();
    if (text == null) {
      return null;
    }
    String[] cells = text.split(",", -1);
    int needed = Math.max(timeColumn, Math.max(contextColumn, generatedColumn)) + 1;
    if (cells.length < needed) {
      throw error("has " + cells.length + " fields", text, needed + " comma-separated fields");
    }
    LocalDateTime time;
    try {
      time = LocalDateTime.parse(cells[timeColumn].trim(), AZURE_TIME);
    } catch (DateTimeParseException e) {
      throw error(
          "field 'TIMESTAMP'", cells[timeColumn], "a time such as 2023-11-16 18:15:46.6805900");
    }
    if (start == null) {
      start = time;
    }
    double arrival = Duration.between(start, time).toNanos() / 1e9;
    if (arrival < lastArrival) {
      throw error(
          "field 'TIMESTAMP'",
          cells[timeColumn],
          "times in non-decreasing order (previous " + lastArrival + " s after the first)");
    }
    lastArrival = arrival;
    long context = cell(cells[contextColumn], "ContextTokens");
    long generated = cell(cells[generatedColumn], "GeneratedTokens");
    return new Line(arrival, context, generated, 0);
  }

  private long cell(String text, String field) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw error("field '" + field + "'", text, "an integer number of tokens >= 1");
    }
    return value;
  }

  private double arrival(JsonNode node, String field, double arrival) {
    if (arrival < lastArrival) {
      throw error(
          "field '" + field + "'",
          node.get(field).asText(),
          "arrival times in non-decreasing order (previous " + lastArrival + " s)");
    }
    lastArrival = arrival;
    return arrival;
  }

  private double number(JsonNode node, String field, String expected) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw error("has no field '" + field + "'", "", expected);
    }
    if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
      throw error("field '" + field + "'", value.toString(), expected);
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

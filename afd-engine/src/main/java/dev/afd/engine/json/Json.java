package dev.afd.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes report structures (maps, lists, records) as stable, pretty-printed JSON. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

  private Json() {}

  /** {@return the shared mapper; maps keep their insertion order} */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * {@return a syntax error of a JSON or YAML file as one line: {@code line L, column C:
   * <problem>}}
   *
   * <p>The YAML parser's message spans several lines (context, an excerpt of the file with a caret,
   * the problem, another excerpt); this keeps the unindented lines, which name what was being
   * parsed and what was found, and drops the excerpts and the parser's own locations.
   *
   * @param e the parser's exception
   */
  public static String syntaxError(JsonProcessingException e) {
    List<String> kept = new ArrayList<>();
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    for (String line : original.split("\\R")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        kept.add(line.strip());
      }
    }
    // Jackson's JSON messages point at the opening bracket with a source description; the
    // location in front of the problem is the one that matters.
    String problem =
        kept.isEmpty()
            ? e.getClass().getSimpleName()
            : String.join("; ", kept)
                .replaceAll(" \\(for \\w+ starting at \\[Source:[^\\]]*\\]\\)", "");
    return e.getLocation() == null
        ? problem
        : String.format(
            Locale.ROOT,
            "line %d, column %d: %s",
            e.getLocation().getLineNr(),
            e.getLocation().getColumnNr(),
            problem);
  }

  /** {@return {@code value} as indented JSON with a trailing newline and LF line ends} */
  public static String write(Object value) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

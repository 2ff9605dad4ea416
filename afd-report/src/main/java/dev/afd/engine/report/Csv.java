package dev.afd.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** RFC 4180 CSV helpers: CRLF line ends, fields quoted only when they need it. */
public final class Csv {
  static final String LINE_END = "\r\n";

  private Csv() {}

  /** Writes one record followed by CRLF. */
  public static void record(Writer writer, String... fields) throws IOException {
    for (int index = 0; index < fields.length; index++) {
      if (index > 0) {
        writer.write(',');
      }
      writer.write(field(fields[index]));
    }
    writer.write(LINE_END);
  }

  /** {@return the field, quoted when it holds a comma, quote, CR or LF} */
  public static String field(String value) {
    boolean quote = false;
    for (int index = 0; index < value.length() && !quote; index++) {
      char c = value.charAt(index);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /**
   * {@return a number in Java's shortest round-trip form ({@link Double#toString(double)}, which
   * does not depend on the locale), empty for NaN}
   */
  public static String number(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  /** {@return entries as {@code k=v;k=v}, in the map's order} */
  public static String pairs(Map<String, ?> values) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      if (text.length() > 0) {
        text.append(';');
      }
      Object value = entry.getValue();
      text.append(entry.getKey())
          .append('=')
          .append(value instanceof Double number ? number(number) : String.valueOf(value));
    }
    return text.toString();
  }
}

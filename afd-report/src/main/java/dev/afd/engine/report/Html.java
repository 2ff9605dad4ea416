package dev.afd.engine.report;

/** Escaping for HTML and SVG text and attribute values. */
public final class Html {
  private Html() {}

  /**
   * {@return text with {@code & < > " '} replaced by character references, and control characters
   * XML forbids by U+FFFD}
   */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return escaped.toString();
  }
}

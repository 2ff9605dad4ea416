package dev.afd.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's {@code main} and returns what it printed, line by line. */
public final class ExampleOutput {
  /** A {@code main} method. */
  @FunctionalInterface
  public interface Main {
    /**
     * Runs the example.
     *
     * @param args arguments
     */
    void run(String[] args);
  }

  private ExampleOutput() {}

  /** {@return the lines {@code main} printed to standard output} */
  public static synchronized List<String> of(Main main) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text.lines().toList();
  }
}

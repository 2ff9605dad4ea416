package dev.afd.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code afd} command and exits with its status. */
public final class Main {
  private Main() {}

  /**
   * Runs afd.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(AfdCommand.run(args, out, err));
  }
}

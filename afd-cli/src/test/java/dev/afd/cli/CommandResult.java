package dev.afd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * What one {@code afd} run printed and returned.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record CommandResult(int status, String out, String err) {

  /** {@return the result of running {@code afd} with these arguments} */
  static CommandResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AfdCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CommandResult(status, out.toString(), err.toString());
  }

  /** {@return standard output split into lines} */
  List<String> outLines() {
    return out.lines().toList();
  }
}

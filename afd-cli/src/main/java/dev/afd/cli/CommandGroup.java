package dev.afd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code hardware}, {@code model}, {@code network}). */
abstract class CommandGroup implements Callable<Integer> {
  @ParentCommand AfdCommand root;

  @Spec CommandSpec spec;

  /** Run without a subcommand, a group prints its usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}

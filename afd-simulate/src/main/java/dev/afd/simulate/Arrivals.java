package dev.afd.simulate;

import dev.afd.api.AfdConfigurationException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** How requests arrive at the deployment. */
public sealed interface Arrivals {

  /** {@return the text this parses from, for summaries} */
  String text();

  /**
   * Open loop: a Poisson stream of {@code requestsPerSecond} (exponential inter-arrival times),
   * independent of how fast the deployment serves it.
   */
  record Poisson(double requestsPerSecond) implements Arrivals {
    /** Validates. */
    public Poisson {
      if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        throw new IllegalArgumentException("rate must be positive, got " + requestsPerSecond);
      }
    }

    @Override
    public String text() {
      return "poisson:" + requestsPerSecond;
    }
  }

  /**
   * Closed loop: {@code clients} clients, all sending their first request at time 0 and each the
   * next one a think time after its previous one completes; think times are exponential with mean
   * {@code thinkSeconds} (0: none, as benchmark load generators run "at concurrency N").
   */
  record Closed(int clients, double thinkSeconds) implements Arrivals {
    /** Validates. */
    public Closed {
      if (clients < 1 || !(thinkSeconds >= 0) || Double.isInfinite(thinkSeconds)) {
        throw new IllegalArgumentException(
            "need clients >= 1 and think >= 0, got " + clients + ", " + thinkSeconds);
      }
    }

    @Override
    public String text() {
      return thinkSeconds == 0 ? "closed:" + clients : "closed:" + clients + ":" + thinkSeconds;
    }
  }

  /** Replay of a trace file ({@link TraceReader}): its arrival times and lengths. */
  record Trace(Path file, TraceFormat format) implements Arrivals {
    /** Validates. */
    public Trace {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(format, "format");
    }

    /** A trace in afd's JSON Lines. */
    public Trace(Path file) {
      this(file, TraceFormat.AFD);
    }

    @Override
    public String text() {
      return format == TraceFormat.AFD ? "trace:" + file : format.id() + "-trace:" + file;
    }
  }

  /**
   * Parses {@code poisson:RATE} (requests per second) or {@code closed:N[:THINK]} (think time in
   * seconds).
   *
   * @throws AfdConfigurationException naming {@code --arrivals}, the value and the expected forms
   */
  static Arrivals parse(String text) {
    String[] parts = text.split(":", -1);
    try {
      if (parts[0].equals("poisson") && parts.length == 2) {
        return new Poisson(Double.parseDouble(parts[1]));
      }
      if (parts[0].equals("closed") && (parts.length == 2 || parts.length == 3)) {
        return new Closed(
            Integer.parseInt(parts[1]), parts.length == 3 ? Double.parseDouble(parts[2]) : 0);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below, which says what is expected
    }
    throw new AfdConfigurationException(
        String.format(
            Locale.ROOT,
            "Option --arrivals '%s' is not an arrival process; expected poisson:RATE (requests/s >"
                + " 0) or closed:N[:THINK] (N >= 1 clients, mean think time THINK >= 0 s)",
            text));
  }
}

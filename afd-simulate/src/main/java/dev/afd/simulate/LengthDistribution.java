package dev.afd.simulate;

import dev.afd.api.AfdConfigurationException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How many tokens a request's prompt or answer has: fixed, uniform on an inclusive range, or
 * lognormal (the shape of measured prompt and answer lengths, for example in the Azure LLM
 * inference traces) given its median and the standard deviation {@code σ} of its logarithm. Samples
 * are at least 1.
 */
public sealed interface LengthDistribution {

  /** {@return one length, at least 1} */
  long sample(SplittableRandom random);

  /** {@return the text this distribution parses from} */
  String text();

  /** Always {@code tokens}. */
  record Fixed(long tokens) implements LengthDistribution {
    /** Validates. */
    public Fixed {
      if (tokens < 1) {
        throw new IllegalArgumentException("tokens must be >= 1, got " + tokens);
      }
    }

    @Override
    public long sample(SplittableRandom random) {
      return tokens;
    }

    @Override
    public String text() {
      return "fixed:" + tokens;
    }
  }

  /** Uniform on {@code [low, high]}, both included. */
  record Uniform(long low, long high) implements LengthDistribution {
    /** Validates. */
    public Uniform {
      if (low < 1 || high < low) {
        throw new IllegalArgumentException("need 1 <= low <= high, got " + low + ", " + high);
      }
    }

    @Override
    public long sample(SplittableRandom random) {
      return random.nextLong(low, high + 1);
    }

    @Override
    public String text() {
      return "uniform:" + low + ":" + high;
    }
  }

  /** {@code round(median · exp(σ·Z))}, {@code Z} standard normal, at least 1. */
  record LogNormal(double median, double sigma) implements LengthDistribution {
    /** Validates. */
    public LogNormal {
      if (!(median >= 1) || !(sigma >= 0) || Double.isInfinite(median + sigma)) {
        throw new IllegalArgumentException(
            "need median >= 1 and sigma >= 0, got " + median + ", " + sigma);
      }
    }

    @Override
    public long sample(SplittableRandom random) {
      return Math.max(1, Math.round(median * Math.exp(sigma * normal(random))));
    }

    @Override
    public String text() {
      return String.format(Locale.ROOT, "lognormal:%s:%s", median, sigma);
    }
  }

  /** {@return a standard normal variate (Box–Muller, one of the pair)} */
  static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble(); // in (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /**
   * Parses {@code fixed:N}, {@code N}, {@code uniform:LOW:HIGH} or {@code lognormal:MEDIAN:SIGMA}.
   *
   * @param option the option or field the text came from, for the error message
   * @throws AfdConfigurationException naming the option, the value and the expected forms
   */
  static LengthDistribution parse(String option, String text) {
    String[] parts = text.split(":", -1);
    try {
      switch (parts[0]) {
        case "fixed":
          if (parts.length == 2) {
            return new Fixed(Long.parseLong(parts[1]));
          }
          break;
        case "uniform":
          if (parts.length == 3) {
            return new Uniform(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
          }
          break;
        case "lognormal":
          if (parts.length == 3) {
            return new LogNormal(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
          }
          break;
        default:
          if (parts.length == 1) {
            return new Fixed(Long.parseLong(parts[0]));
          }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below, which says what is expected
    }
    throw new AfdConfigurationException(
        "Option "
            + option
            + " '"
            + text
            + "' is not a length distribution; expected N, fixed:N, uniform:LOW:HIGH"
            + " (1 <= LOW <= HIGH) or lognormal:MEDIAN:SIGMA (MEDIAN >= 1, SIGMA >= 0)");
  }
}

package dev.afd.api;

/**
 * A plugin broke its contract: it threw, returned invalid data, or clashed with another plugin.
 *
 * <p>Discovery collects every problem it finds into one instance, so the message may list several
 * problems, each naming the provider class and its jar.
 *
 * @since 0.1
 */
public final class AfdPluginException extends AfdException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message every problem, one per line
   */
  public AfdPluginException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message every problem, one per line
   * @param cause the first underlying failure
   */
  public AfdPluginException(String message, Throwable cause) {
    super(message, cause);
  }
}

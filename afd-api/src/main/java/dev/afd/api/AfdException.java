package dev.afd.api;

/**
 * Base of every exception afd throws on purpose.
 *
 * <p>Unchecked, like every exception in afd's API and SPI. Callers catch the two subtypes: {@link
 * AfdConfigurationException} for bad user input and {@link AfdPluginException} for a plugin that
 * broke its contract.
 *
 * @since 0.1
 */
public abstract class AfdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the subject and the offending value
   */
  protected AfdException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the subject and the offending value
   * @param cause the underlying failure, kept for diagnosis
   */
  protected AfdException(String message, Throwable cause) {
    super(message, cause);
  }
}

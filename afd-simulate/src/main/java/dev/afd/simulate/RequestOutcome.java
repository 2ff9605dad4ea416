package dev.afd.simulate;

/**
 * One completed request, as the per-request CSV writes it.
 *
 * @param id the request's number, from 0 in arrival order
 * @param arrivalSeconds when it arrived
 * @param prefixTokens reused prefix tokens
 * @param inputTokens new prompt tokens
 * @param outputTokens output tokens
 * @param prefixHit whether the prefix was cached (its prefill skipped)
 * @param ttftSeconds arrival to first token
 * @param tpotSeconds mean time between output tokens, NaN for a one-token answer
 * @param endToEndSeconds arrival to last token
 * @param meetsSlo whether TTFT and TPOT meet the SLO
 */
public record RequestOutcome(
    long id,
    double arrivalSeconds,
    long prefixTokens,
    long inputTokens,
    long outputTokens,
    boolean prefixHit,
    double ttftSeconds,
    double tpotSeconds,
    double endToEndSeconds,
    boolean meetsSlo) {}

/**
 * End-to-end validation against measured serving runs: {@link dev.afd.engine.validate.SiliconCsv}
 * reads an AIConfigurator-format silicon sample, {@link dev.afd.engine.validate.RowMapper} turns
 * each row into a fully specified estimate, {@link dev.afd.engine.validate.Validator} evaluates it
 * and {@link dev.afd.engine.validate.ValidationReport} summarises the errors (MAPE, median, p90)
 * per partition; {@link dev.afd.engine.validate.ValidationGate} is the CI gate.
 */
@NullMarked
package dev.afd.engine.validate;

import org.jspecify.annotations.NullMarked;

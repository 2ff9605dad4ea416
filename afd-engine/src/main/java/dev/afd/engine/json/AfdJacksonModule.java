package dev.afd.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopCount;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.io.IOException;
import java.util.function.Function;

/**
 * Serializes afd's unit types as their canonical strings and reads them back with the afd-api
 * parsers: {@link DataSize} as {@code "141 GiB"}, {@link ByteRate} as {@code "4.8 TB/s"}, {@link
 * FlopRate} as {@code "989 TFLOP/s"}, {@link FlopCount} as {@code "2.25 PFLOP"}, {@link TimeSpan}
 * as {@code "3 us"} and {@link Precision} (also as a map key) by its id, {@code "fp8"}.
 *
 * <p>A string that does not parse fails with a Jackson {@code InvalidFormatException} whose message
 * carries the afd-api parser's message. Register with {@code mapper.registerModule(new
 * AfdJacksonModule())}. Stateless and thread-safe.
 */
public final class AfdJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public AfdJacksonModule() {
    super("afd-units");
    unit(DataSize.class, DataSize::parse);
    unit(ByteRate.class, ByteRate::parse);
    unit(FlopRate.class, FlopRate::parse);
    unit(FlopCount.class, FlopCount::parse);
    unit(TimeSpan.class, TimeSpan::parse);
    addSerializer(Precision.class, new PrecisionSerializer());
    addDeserializer(Precision.class, new UnitDeserializer<>(Precision.class, Precision::parse));
    addKeySerializer(Precision.class, new PrecisionKeySerializer());
    addKeyDeserializer(Precision.class, new PrecisionKeyDeserializer());
  }

  private <T> void unit(Class<T> type, Function<String, T> parser) {
    addSerializer(type, new ToStringSerializer<>(type));
    addDeserializer(type, new UnitDeserializer<>(type, parser));
  }

  private static final class ToStringSerializer<T> extends StdScalarSerializer<T> {
    private static final long serialVersionUID = 1L;

    ToStringSerializer(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.toString());
    }
  }

  private static final class PrecisionSerializer extends StdScalarSerializer<Precision> {
    private static final long serialVersionUID = 1L;

    PrecisionSerializer() {
      super(Precision.class);
    }

    @Override
    public void serialize(Precision value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.id());
    }
  }

  private static final class PrecisionKeySerializer extends StdScalarSerializer<Precision> {
    private static final long serialVersionUID = 1L;

    PrecisionKeySerializer() {
      super(Precision.class);
    }

    @Override
    public void serialize(Precision value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeFieldName(value.id());
    }
  }

  private static final class PrecisionKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
      try {
        return Precision.parse(key);
      } catch (AfdConfigurationException e) {
        throw context.weirdKeyException(Precision.class, key, e.getMessage());
      }
    }
  }

  private static final class UnitDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parser;

    UnitDeserializer(Class<T> type, Function<String, T> parser) {
      super(type);
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        @SuppressWarnings("unchecked")
        T result = (T) context.handleUnexpectedToken(handledType(), parser);
        return result;
      }
      String text = parser.getText();
      try {
        return this.parser.apply(text);
      } catch (AfdConfigurationException e) {
        throw context.weirdStringException(text, handledType(), e.getMessage());
      }
    }
  }
}

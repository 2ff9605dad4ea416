package dev.afd.engine.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThriftCompactReaderTest {
  @Test
  void readsFieldsWithShortAndLongHeaders() {
    TestingParquetWriter.ThriftWriter writer = new TestingParquetWriter.ThriftWriter();
    writer.beginStruct();
    writer.i32Field(1, -3);
    writer.i64Field(3, 1L << 40);
    writer.stringField(40, "name");
    writer.booleanField(41, true);
    writer.endStruct();
    byte[] bytes = writer.toByteArray();

    ThriftCompactReader reader = new ThriftCompactReader(bytes, 0, bytes.length);
    reader.beginStruct();

    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_I32);
    assertThat(reader.fieldId()).isEqualTo(1);
    assertThat(reader.readI32()).isEqualTo(-3);
    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_I64);
    assertThat(reader.fieldId()).isEqualTo(3);
    assertThat(reader.readI64()).isEqualTo(1L << 40);
    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_BINARY);
    assertThat(reader.fieldId()).isEqualTo(40);
    assertThat(reader.readString()).isEqualTo("name");
    int booleanType = reader.readFieldHeader();
    assertThat(reader.fieldId()).isEqualTo(41);
    assertThat(ThriftCompactReader.booleanFieldValue(booleanType)).isTrue();
    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_STOP);
    assertThat(reader.position()).isEqualTo(bytes.length);
  }

  @Test
  void skipsNestedStructsListsAndMaps() {
    TestingParquetWriter.ThriftWriter writer = new TestingParquetWriter.ThriftWriter();
    writer.beginStruct();
    writer.fieldHeader(1, ThriftCompactReader.TYPE_STRUCT);
    writer.beginStruct();
    writer.listField(2, ThriftCompactReader.TYPE_I32, 20);
    for (int index = 0; index < 20; index++) {
      writer.varint(index);
    }
    writer.listField(3, ThriftCompactReader.TYPE_BOOLEAN_TRUE, 2);
    writer.rawByte(1);
    writer.rawByte(0);
    writer.fieldHeader(4, ThriftCompactReader.TYPE_MAP);
    writer.varint(1);
    writer.rawByte((ThriftCompactReader.TYPE_BINARY << 4) | ThriftCompactReader.TYPE_DOUBLE);
    writer.string("key");
    for (int index = 0; index < 8; index++) {
      writer.rawByte(0);
    }
    writer.endStruct();
    writer.i32Field(2, 42);
    writer.endStruct();
    byte[] bytes = writer.toByteArray();

    ThriftCompactReader reader = new ThriftCompactReader(bytes, 0, bytes.length);
    reader.beginStruct();
    reader.skip(reader.readFieldHeader());

    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_I32);
    assertThat(reader.fieldId()).isEqualTo(2);
    assertThat(reader.readI32()).isEqualTo(42);
    assertThat(reader.readFieldHeader()).isEqualTo(ThriftCompactReader.TYPE_STOP);
  }

  @Test
  void rejectsTruncatedInput() {
    TestingParquetWriter.ThriftWriter writer = new TestingParquetWriter.ThriftWriter();
    writer.beginStruct();
    writer.stringField(1, "a long string value");
    writer.endStruct();
    byte[] bytes = writer.toByteArray();

    ThriftCompactReader reader = new ThriftCompactReader(bytes, 0, 5);
    reader.beginStruct();
    reader.readFieldHeader();

    assertThatThrownBy(reader::readString)
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("thrift data truncated at offset 2");
  }

  @Test
  void rejectsUnknownTypes() {
    byte[] bytes = {(byte) 0x1D};
    ThriftCompactReader reader = new ThriftCompactReader(bytes, 0, bytes.length);
    reader.beginStruct();
    int type = reader.readFieldHeader();

    assertThatThrownBy(() -> reader.skip(type))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("unknown thrift compact type 13 at offset 0");
  }
}

package dev.userinfo.application;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One JSON object as text, written field by field with Jackson's streaming generator: no object
 * mapper, so no reflection over the body types, nothing to introspect on the first request, and a
 * few classes loaded at start-up rather than several hundred. Strings are escaped as JSON requires.
 */
final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the fields of one object. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonText() {
    }

    /** {@code {...}} with the fields {@code fields} writes, in that order. */
    static String object(Fields fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /** A string field, or {@code null} when the value is. */
    static void stringOrNull(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }
}

package dev.userinfo.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The contract's OpenAPI document as the local server serves it at {@code /openapi.json}: the one
 * source, {@code docs/openapi.yaml}, is packed next to this class at build time and turned into JSON
 * once, at start-up, so the served document can never differ from the checked one.
 */
final class OpenApiDocument {

    static final String RESOURCE = "openapi.yaml";

    private OpenApiDocument() {
    }

    /**
     * The document as UTF-8 JSON.
     *
     * @throws IllegalStateException when the build did not pack the document (a broken build, not a request's fault)
     */
    static byte[] json() {
        try (InputStream yaml = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(RESOURCE + " is not packed next to " + OpenApiDocument.class.getName());
            }
            return new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("docs/openapi.yaml does not parse", e);
        }
    }
}

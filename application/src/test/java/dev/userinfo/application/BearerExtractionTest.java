package dev.userinfo.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an {@code Authorization} header value is read as (RFC 6750, section 2.1, with the bare token
 * the original frontend sent). Each branch is pinned with a value that only that branch answers right:
 * a token-like credential under another scheme must never be taken for a bearer token.
 */
class BearerExtractionTest {

    private static BearerExtraction.Result extract(String header) {
        return BearerExtraction.extract(Optional.ofNullable(header));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "Bearer", "bearer", "BEARER", "Bearer ", "  Bearer  ", "Bearer \t "})
    void absentBlankOrSchemeAlone_isMissing(String header) {
        assertInstanceOf(BearerExtraction.Result.Missing.class, extract(header));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Bearer tok.alice.id        | tok.alice.id",
        "bearer tok.alice.id        | tok.alice.id",
        "BeArEr tok.alice.id        | tok.alice.id",
        "Bearer    tok.alice.id     | tok.alice.id",
        "'Bearer\ttok.alice.id'     | tok.alice.id",
        "'  Bearer tok.alice.id  '  | tok.alice.id",
        "tok.alice.id               | tok.alice.id",
        "'  tok.alice.id '          | tok.alice.id",
        "Bearertok.alice.id         | Bearertok.alice.id",
    })
    void bearerSchemeInAnyCase_orABareToken_isPresent(String header, String token) {
        var present = assertInstanceOf(BearerExtraction.Result.Present.class, extract(header));
        assertEquals(token, present.token().value());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Basic tok.alice.id", "basic tok.alice.id", "Basic YWxpY2U6cGFzc3dvcmQ=", "Digest tok.alice.id",
        "Bearer2 tok.alice.id", "Bear tok.alice.id", "DPoP tok.alice.id", "Token\ttok.alice.id"})
    void anotherScheme_isUnsupported_evenWithATokenLikeCredential(String header) {
        assertInstanceOf(BearerExtraction.Result.UnsupportedScheme.class, extract(header));
    }
}

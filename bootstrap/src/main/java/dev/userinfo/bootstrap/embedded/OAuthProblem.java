package dev.userinfo.bootstrap.embedded;

import com.nimbusds.oauth2.sdk.ErrorObject;
import java.util.Objects;

/**
 * An OAuth request the sign-in server refuses, with the error it answers (RFC 6749, 4.1.2.1 and
 * 5.2): its code, a description for the developer (ASCII, never a secret or a token) and its status.
 */
final class OAuthProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ErrorObject error;

    OAuthProblem(ErrorObject code, String description) {
        super(code.getCode() + ": " + description, null, false, false);
        this.error = Objects.requireNonNull(code, "code").setDescription(description);
    }

    /** The error to answer with: code, description and HTTP status. */
    ErrorObject error() {
        return error;
    }
}

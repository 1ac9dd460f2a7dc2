package dev.userinfo.application;

import java.util.Optional;

/**
 * The CSRF defence of cookie-authenticated requests (BFF.md, CSRF), besides {@code SameSite=Strict}:
 * {@code X-CSRF: 1} must be there (a custom header makes any other origin's request preflighted, and
 * the preflight names only allowed origins: draft-ietf-oauth-browser-based-apps, section 6.1.3.2);
 * an {@code Origin}, when sent, must be on the allowlist; {@code Sec-Fetch-Site: cross-site} is refused
 * (W3C Fetch Metadata Request Headers).
 */
final class CsrfCheck {

    static final String HEADER = "X-CSRF";
    static final String VALUE = "1";

    private CsrfCheck() {
    }

    /** Why a request fails the check, for the log; empty when it passes. */
    static Optional<String> failure(HttpRequest request, CorsPolicy cors) {
        if (!request.headers().first(HEADER).map(String::strip).filter(VALUE::equals).isPresent()) {
            return Optional.of("NO_CSRF_HEADER");
        }
        Optional<String> origin = request.headers().first("Origin");
        if (origin.isPresent() && !cors.allows(origin.get())) {
            return Optional.of("ORIGIN_NOT_ALLOWED");
        }
        if (request.headers().first("Sec-Fetch-Site").filter("cross-site"::equalsIgnoreCase).isPresent()) {
            return Optional.of("CROSS_SITE");
        }
        return Optional.empty();
    }
}

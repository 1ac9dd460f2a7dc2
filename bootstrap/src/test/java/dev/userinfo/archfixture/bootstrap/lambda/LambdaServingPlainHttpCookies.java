package dev.userinfo.archfixture.bootstrap.lambda;

import dev.userinfo.application.CookieScheme;

/** Breaks "only the local server picks the plain-http cookies": the Lambda entry picking them. */
public final class LambdaServingPlainHttpCookies {

    CookieScheme scheme() {
        return CookieScheme.PLAIN_HTTP_LOCALHOST;
    }
}

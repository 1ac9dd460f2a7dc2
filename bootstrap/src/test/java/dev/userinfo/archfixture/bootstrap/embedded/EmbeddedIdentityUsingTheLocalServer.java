package dev.userinfo.archfixture.bootstrap.embedded;

import dev.userinfo.archfixture.bootstrap.local.LocalServerFixture;

/** Breaks "the embedded identity stands on config alone". */
public final class EmbeddedIdentityUsingTheLocalServer {

    Object uses(LocalServerFixture it) {
        return it;
    }
}

package dev.userinfo.archfixture.bootstrap.wiring;

import dev.userinfo.archfixture.bootstrap.local.LocalServerFixture;

/** Breaks "the adapters' wiring depends on no entry point". */
public final class WiringUsingTheLocalServer {

    Object uses(LocalServerFixture it) {
        return it;
    }
}

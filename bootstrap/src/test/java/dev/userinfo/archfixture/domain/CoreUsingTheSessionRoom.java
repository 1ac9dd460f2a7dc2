package dev.userinfo.archfixture.domain;

import dev.userinfo.archfixture.domain.session.SessionFixture;

/** Breaks "the domain's core does not depend on its session room". */
public final class CoreUsingTheSessionRoom {

    SessionFixture session;
}

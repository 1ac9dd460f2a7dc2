package dev.userinfo.archfixture.domain.session;

/** Stands for the domain's session room. */
public final class SessionFixture {
}

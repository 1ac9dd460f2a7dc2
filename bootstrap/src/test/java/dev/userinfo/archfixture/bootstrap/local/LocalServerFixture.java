package dev.userinfo.archfixture.bootstrap.local;

/** A local-server class for the other fixtures to depend on. */
public final class LocalServerFixture {
}

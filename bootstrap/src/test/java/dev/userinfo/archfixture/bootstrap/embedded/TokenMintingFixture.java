package dev.userinfo.archfixture.bootstrap.embedded;

/** An embedded-identity class for the other fixtures to depend on. */
public final class TokenMintingFixture {
}

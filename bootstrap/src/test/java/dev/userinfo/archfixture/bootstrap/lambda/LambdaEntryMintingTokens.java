package dev.userinfo.archfixture.bootstrap.lambda;

import dev.userinfo.archfixture.bootstrap.embedded.TokenMintingFixture;

/** Breaks "only the local server uses the embedded identity": a Lambda class that could mint tokens. */
public final class LambdaEntryMintingTokens {

    Object uses(TokenMintingFixture it) {
        return it;
    }
}

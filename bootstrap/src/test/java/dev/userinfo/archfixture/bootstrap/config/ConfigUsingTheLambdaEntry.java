package dev.userinfo.archfixture.bootstrap.config;

import dev.userinfo.archfixture.bootstrap.lambda.LambdaEntryUsingJavalin;

/** Breaks "bootstrap's config room depends on no other room": configuration reaching into an entry point. */
public final class ConfigUsingTheLambdaEntry {

    Object uses(LambdaEntryUsingJavalin it) {
        return it;
    }
}

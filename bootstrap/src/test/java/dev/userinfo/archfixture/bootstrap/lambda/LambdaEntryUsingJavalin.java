package dev.userinfo.archfixture.bootstrap.lambda;

import io.javalin.Javalin;

/** Breaks "the Lambda entry uses neither the local server, the embedded identity nor Javalin". */
public final class LambdaEntryUsingJavalin {

    Object uses(Javalin it) {
        return it;
    }
}

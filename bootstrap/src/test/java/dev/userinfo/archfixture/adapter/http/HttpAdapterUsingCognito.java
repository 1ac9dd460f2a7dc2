package dev.userinfo.archfixture.adapter.http;

import dev.userinfo.archfixture.adapter.cognito.CognitoAdapter;

/** Breaks "adapters do not depend on each other" on purpose. */
public class HttpAdapterUsingCognito {
    public Object verify() {
        return new CognitoAdapter();
    }
}

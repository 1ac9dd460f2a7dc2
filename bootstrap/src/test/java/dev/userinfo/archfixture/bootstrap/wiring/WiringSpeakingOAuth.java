package dev.userinfo.archfixture.bootstrap.wiring;

import com.nimbusds.oauth2.sdk.id.State;

/** Breaks "only the OAuth adapter speaks OAuth": a state made outside it. */
public final class WiringSpeakingOAuth {

    State state() {
        return new State();
    }
}

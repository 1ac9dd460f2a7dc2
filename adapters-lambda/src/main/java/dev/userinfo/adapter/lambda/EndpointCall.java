package dev.userinfo.adapter.lambda;

import dev.userinfo.application.HttpRequest;
import dev.userinfo.application.HttpResponse;
import dev.userinfo.application.UserInfoEndpoint;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** The one place both payload versions hand a translated request to the endpoint. */
final class EndpointCall {

    private static final System.Logger LOG = System.getLogger(EndpointCall.class.getName());

    private final UserInfoEndpoint endpoint;
    private final AuthorizerTrust trust;

    EndpointCall(UserInfoEndpoint endpoint, AuthorizerTrust trust) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * @param claims reads the authorizer's claims from the event; only called when the authorizer is
     *               trusted, so an untrusted deployment never looks at them
     */
    HttpResponse answer(HttpRequest request, Supplier<Map<String, ?>> claims) {
        if (!trust.trusted()) {
            return endpoint.handle(request);
        }
        AuthorizerClaims.Read read = AuthorizerClaims.read(claims.get(), trust);
        if (read instanceof AuthorizerClaims.Read.Usable usable) {
            return endpoint.handlePreVerified(request, Optional.of(usable.identity()));
        }
        if (read instanceof AuthorizerClaims.Read.Unusable unusable) {
            // The access log will say NO_AUTHORIZER_CLAIMS; this line says which check failed.
            LOG.log(Level.WARNING, () -> "request " + request.requestId()
                    + ": authorizer claims not accepted (" + unusable.reason() + ")");
        }
        return endpoint.handlePreVerified(request, Optional.empty());
    }
}

package dev.userinfo.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.userinfo.adapter.lambda.RestApiEventAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda entry point behind an API Gateway REST API with proxy integration (payload 1.0):
 * {@code dev.userinfo.bootstrap.lambda.LambdaRestApiHandler::handleRequest}. Everything is built once, when
 * the runtime constructs it; each invocation only translates and answers.
 */
public final class LambdaRestApiHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final RestApiEventAdapter adapter;
    // Held so the CRaC registration, which is weak, lives as long as the handler.
    private final LambdaPriming priming;

    /** Used by the Lambda runtime: configuration from the environment, the real Cognito adapters. */
    public LambdaRestApiHandler() {
        this(LambdaWiring.fromEnvironment());
    }

    public LambdaRestApiHandler(LambdaWiring wiring) {
        this.adapter = wiring.restApi();
        List<Runnable> requests = new ArrayList<>(List.of(
                () -> adapter.handle(LambdaPriming.restApiGet(), null),
                () -> adapter.handle(LambdaPriming.restApiPreflight(), null)));
        if (wiring.cookieSessions()) {
            requests.add(() -> adapter.handle(LambdaPriming.restApiLogin(), null));
            requests.add(() -> adapter.handle(LambdaPriming.restApiCookie(), null));
        }
        this.priming = new LambdaPriming(wiring::prefetchKeys, requests, wiring::afterRestore);
        priming.register();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return adapter.handle(event, context);
    }

    LambdaPriming priming() {
        return priming;
    }
}

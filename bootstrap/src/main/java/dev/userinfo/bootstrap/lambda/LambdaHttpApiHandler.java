package dev.userinfo.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.userinfo.adapter.lambda.HttpApiEventAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda entry point behind an API Gateway HTTP API (payload 2.0):
 * {@code dev.userinfo.bootstrap.lambda.LambdaHttpApiHandler::handleRequest}. Everything is built once, when
 * the runtime constructs it; each invocation only translates and answers.
 */
public final class LambdaHttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpApiEventAdapter adapter;
    // Held so the CRaC registration, which is weak, lives as long as the handler.
    private final LambdaPriming priming;

    /** Used by the Lambda runtime: configuration from the environment, the real Cognito adapters. */
    public LambdaHttpApiHandler() {
        this(LambdaWiring.fromEnvironment());
    }

    public LambdaHttpApiHandler(LambdaWiring wiring) {
        this.adapter = wiring.httpApi();
        List<Runnable> requests = new ArrayList<>(List.of(
                () -> adapter.handle(LambdaPriming.httpApiGet(), null),
                () -> adapter.handle(LambdaPriming.httpApiPreflight(), null)));
        if (wiring.cookieSessions()) {
            requests.add(() -> adapter.handle(LambdaPriming.httpApiLogin(), null));
            requests.add(() -> adapter.handle(LambdaPriming.httpApiCookie(), null));
        }
        this.priming = new LambdaPriming(wiring::prefetchKeys, requests, wiring::afterRestore);
        priming.register();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return adapter.handle(event, context);
    }

    LambdaPriming priming() {
        return priming;
    }
}

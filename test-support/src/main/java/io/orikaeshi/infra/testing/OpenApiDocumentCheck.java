package io.orikaeshi.infra.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every service's OpenAPI document must say, checked on the document a running service serves (parsed JSON):
 * the two ways to present an API key as security schemes; on every operation either scheme as a requirement, except
 * the public ones named; and on every operation documented error answers, each one application/problem+json with a
 * schema and an example. Returns what is wrong, one line each, so a failing test names every operation at fault.
 */
public final class OpenApiDocumentCheck {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDocumentCheck() {
    }

    /** {@code publicOperations} as "GET /links/{token}": operations that need no key. */
    public static List<String> violations(Map<String, Object> document, Set<String> publicOperations) {
        List<String> wrong = new ArrayList<>();
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        Map<String, Object> bearer = map(schemes.get("bearer"));
        if (!"http".equals(bearer.get("type")) || !"bearer".equals(bearer.get("scheme"))) {
            wrong.add("securitySchemes.bearer is not HTTP bearer: " + bearer);
        }
        Map<String, Object> apiKey = map(schemes.get("apiKey"));
        if (!"apiKey".equals(apiKey.get("type")) || !"header".equals(apiKey.get("in"))
                || !"X-Api-Key".equals(apiKey.get("name"))) {
            wrong.add("securitySchemes.apiKey is not an API key in header X-Api-Key: " + apiKey);
        }
        Map<String, Object> paths = map(document.get("paths"));
        if (paths.isEmpty()) {
            wrong.add("the document has no paths");
        }
        paths.forEach((path, item) -> map(item).forEach((method, value) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            String operation = method.toUpperCase() + " " + path;
            Map<String, Object> op = map(value);
            List<Object> security = list(op.get("security"));
            if (publicOperations.contains(operation)) {
                if (!security.isEmpty()) {
                    wrong.add(operation + " is public but declares security " + security);
                }
            } else if (!security.contains(Map.of("bearer", List.of()))
                    || !security.contains(Map.of("apiKey", List.of()))) {
                wrong.add(operation + " does not accept bearer or apiKey: security " + security);
            }
            Map<String, Object> responses = map(op.get("responses"));
            List<String> errors = responses.keySet().stream()
                    .filter(code -> code.startsWith("4") || code.startsWith("5")).toList();
            if (!errors.contains("503")) {
                wrong.add(operation + " does not document 503");
            }
            if (!publicOperations.contains(operation) && !(errors.contains("401") && errors.contains("403"))) {
                wrong.add(operation + " does not document 401 and 403");
            }
            for (String code : errors) {
                Map<String, Object> problem = map(map(map(responses.get(code)).get("content"))
                        .get("application/problem+json"));
                if (problem.get("schema") == null || !(problem.get("example") instanceof Map<?, ?> example)) {
                    wrong.add(operation + " " + code + " is not application/problem+json with schema and example");
                } else if (!String.valueOf(example.get("status")).equals(code)
                        || example.get("title") == null || example.get("type") == null) {
                    wrong.add(operation + " " + code + " has an example that is not a problem of that status: "
                            + example);
                }
            }
        }));
        return wrong;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}

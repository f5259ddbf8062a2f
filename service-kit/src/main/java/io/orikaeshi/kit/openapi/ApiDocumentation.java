package io.orikaeshi.kit.openapi;

import io.orikaeshi.kit.problem.Problem;
import io.orikaeshi.kit.security.Allowed;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Completes every service's OpenAPI document from what the kit enforces, so no resource repeats it by hand:
 * <ul>
 *   <li>the two ways {@link io.orikaeshi.kit.security.ApiKeyFilter} accepts a key, as security schemes, and on each
 *       operation of an {@link Allowed} resource a requirement of either (Swagger UI's Authorize then sends it);
 *       operations without {@code @Allowed} (signed-link pages) declare none;</li>
 *   <li>the error answers each operation can give, each as {@code application/problem+json} with the
 *       {@link Problem} schema and an example: 401 and 403 where a key is checked, 404 where the path names a tenant
 *       or a resource, 400/413/415/422 where a body is read, 400 where query parameters are, 503 everywhere (an
 *       unreachable database or broker), plus whatever an operation declares itself (409, ...). Operations that
 *       answer HTML pages (the signed links) answer their refusals as pages, so only their 503 is a problem.</li>
 * </ul>
 * It runs at build time: which methods carry {@code @Allowed} is read from the Jandex index, by HTTP method and path.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String API_KEY = "apiKey";
    public static final String PROBLEM_SCHEMA = "Problem";
    private static final String FIELD_ERROR_SCHEMA = "ProblemFieldError";

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName PRODUCES = DotName.createSimple("jakarta.ws.rs.Produces");
    private static final DotName ALLOWED = DotName.createSimple(Allowed.class.getName());
    private static final Map<DotName, String> HTTP_METHODS = Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD");

    /** What the index tells of a resource method: whether a key is checked, whether it answers HTML pages. */
    record Facts(boolean keyChecked, boolean htmlPage) {
    }

    /** "POST /tenants/{tenantId}/calls" → its facts. */
    private final Map<String, Facts> operations;

    public ApiDocumentation(IndexView index) {
        this.operations = operationsOf(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key as a bearer token: Authorization: Bearer <key>"));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Api-Key")
                .description("The same API key in the X-Api-Key header"));
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());

        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(entry.getKey().name() + " " + normalise(path), path, item, entry.getValue());
            }
        });
    }

    private void document(String key, String path, PathItem item, Operation operation) {
        Facts facts = operations.getOrDefault(key, new Facts(false, false));
        boolean secured = facts.keyChecked();
        if (secured && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
            // Two requirements: either scheme is enough.
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY));
        }

        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        Map<Integer, String> errors = new TreeMap<>();
        boolean pathParameters = path.contains("{");
        boolean queryParameters = parameters(item, operation).stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean body = operation.getRequestBody() != null;
        // Pages for people (the signed links) answer their refusals as pages too; only an outage is a problem there.
        boolean page = facts.htmlPage();
        if (secured) {
            errors.put(401, "No API key, or an unknown or revoked one");
            errors.put(403, "The key's role may not do this");
        }
        if (pathParameters && !page) {
            errors.put(404, path.contains("{tenantId}")
                    ? "No such tenant or resource, or it belongs to another tenant than the key's"
                    : "No such resource");
        }
        if (body && !page) {
            errors.put(400, "The body is not JSON of the expected shape");
            errors.put(413, "The body is larger than the service accepts");
            errors.put(415, "The body is not of a media type the operation reads");
            errors.put(422, "A field is invalid; errors names each one");
        } else if (queryParameters && !page) {
            errors.put(400, "A query parameter cannot be read; errors names it");
        }
        errors.put(503, "A database or broker the service needs cannot be reached just now; retry after Retry-After");

        for (Map.Entry<Integer, String> error : errors.entrySet()) {
            String code = String.valueOf(error.getKey());
            if (!responses.hasAPIResponse(code)) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(error.getValue()));
            }
        }
        // Every 4xx and 5xx, the ones added here and the ones an operation declares itself, is a problem.
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.length() == 3 && (code.startsWith("5") || code.startsWith("4") && !page)) {
                problemContent(Integer.parseInt(code), path, response);
            }
        });
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    private static void problemContent(int status, String path, APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(Problem.titleOf(status));
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))
                        .example(example(status, path, response.getDescription()))));
    }

    /** What such an answer looks like: the detail is the operation's own word for it, or one the kit gives. */
    static Map<String, Object> example(int status, String path, String described) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.ABOUT_BLANK);
        example.put("title", Problem.titleOf(status));
        example.put("status", status);
        example.put("detail", switch (status) {
            case 401 -> "An API key is required (Authorization: Bearer <key>)";
            case 403 -> "A CLIENT key may not do this";
            case 422 -> "1 field(s) are invalid";
            case 503 -> "The database cannot be reached just now; retry later";
            default -> described;
        });
        example.put("instance", path);
        if (status == 422) {
            example.put("errors", List.of(Map.of("field", "callbackNumber.value", "message", "must not be blank")));
        }
        return example;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail. type is about:blank: the status says what kind of"
                        + " problem it is, title is the status's phrase, detail and errors say what went wrong.")
                .addProperty("type", string("about:blank"))
                .addProperty("title", string("The HTTP status phrase, e.g. Unprocessable Content"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code"))
                .addProperty("detail", string("What went wrong, for a person; never personal data"))
                .addProperty("instance", string("The request path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("The fields or parameters at fault, one entry each")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field's path in the body (callerName.value, plans[0].name)"
                        + " or the parameter's name"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Map<String, Facts> operationsOf(IndexView index) {
        Map<String, Facts> operations = new HashMap<>();
        if (index == null) {
            return operations;
        }
        for (AnnotationInstance classPath : index.getAnnotations(PATH)) {
            if (classPath.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = classPath.target().asClass();
            boolean classAllowed = resource.declaredAnnotation(ALLOWED) != null;
            AnnotationInstance classProduces = resource.declaredAnnotation(PRODUCES);
            for (MethodInfo method : methodsOf(index, resource)) {
                String httpMethod = httpMethodOf(method);
                if (httpMethod == null) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                String path = normalise(classPath.value().asString()
                        + (methodPath == null ? "" : "/" + methodPath.value().asString()));
                AnnotationInstance produces = method.declaredAnnotation(PRODUCES) != null
                        ? method.declaredAnnotation(PRODUCES)
                        : classProduces;
                boolean html = produces != null && produces.value() != null
                        && List.of(produces.value().asStringArray()).stream().allMatch(t -> t.startsWith("text/html"));
                operations.put(httpMethod + " " + path,
                        new Facts(classAllowed || method.declaredAnnotation(ALLOWED) != null, html));
            }
        }
        return operations;
    }

    /** The resource's own methods and those it inherits from superclasses in the index. */
    private static List<MethodInfo> methodsOf(IndexView index, ClassInfo resource) {
        List<MethodInfo> methods = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ClassInfo type = resource; type != null; type = type.superName() == null
                ? null
                : index.getClassByName(type.superName())) {
            for (MethodInfo method : type.methods()) {
                if (seen.add(method.name() + method.parameterTypes())) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    private static String httpMethodOf(MethodInfo method) {
        for (Map.Entry<DotName, String> http : HTTP_METHODS.entrySet()) {
            if (method.declaredAnnotation(http.getKey()) != null) {
                return http.getValue();
            }
        }
        return null;
    }

    /** "/tenants/{tenantId: [a-z-]+}//calls/" → "/tenants/{tenantId}/calls": one spelling for index and document. */
    static String normalise(String path) {
        String withoutRegex = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
        String collapsed = ("/" + withoutRegex).replaceAll("/+", "/");
        if (collapsed.length() > 1 && collapsed.endsWith("/")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1);
        }
        return collapsed;
    }
}

package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifests under k8s/ are valid Kubernetes objects (strict JSON schemas of Kubernetes 1.22,
 * vendored in src/test/resources/k8s-schemas) and keep what the deployment promises: the production
 * profile on PostgreSQL from a Secret (no H2), keys from a Secret, Pod Security "restricted", memory
 * requests and limits, probes and metrics on the management port, a NetworkPolicy that admits only the
 * scraper there, two replicas and a disruption budget.
 */
class K8sManifestTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, String> SCHEMAS = Map.of("apps/v1 Deployment", "deployment-apps-v1",
            "v1 Service", "service-v1", "v1 Secret", "secret-v1",
            "networking.k8s.io/v1 NetworkPolicy", "networkpolicy-networking-v1",
            "policy/v1 PodDisruptionBudget", "poddisruptionbudget-policy-v1");

    static List<JsonNode> objects = new ArrayList<>();
    static int managementPort;

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                    if (doc != null) {
                        objects.add(JSON.valueToTree(doc));
                    }
                }
            }
        }
        try (InputStream in = K8sManifestTests.class.getResourceAsStream("/application-prod.yml")) {
            Map<String, Object> prod = new Yaml().load(in);
            managementPort = (Integer) ((Map<?, ?>) ((Map<?, ?>) prod.get("management")).get("server")).get("port");
        }
    }

    static Schema schema(String apiVersionAndKind) {
        String name = SCHEMAS.get(apiVersionAndKind);
        assertThat(name).as("a vendored schema for " + apiVersionAndKind).isNotNull();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(K8sManifestTests.class.getResourceAsStream("/k8s-schemas/" + name + ".json"));
    }

    static List<String> errors(JsonNode object) {
        return schema(object.path("apiVersion").asString() + " " + object.path("kind").asString()).validate(object)
                .stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    static List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asString())).toList();
    }

    static JsonNode one(String kind) {
        assertThat(all(kind)).as(kind).hasSize(1);
        return all(kind).get(0);
    }

    static JsonNode pod() {
        return one("Deployment").path("spec").path("template");
    }

    static JsonNode container() {
        assertThat(pod().path("spec").path("containers")).hasSize(1);
        return pod().path("spec").path("containers").get(0);
    }

    static Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new HashMap<>();
        container().path("env").forEach(e -> env.put(e.path("name").asString(), e));
        return env;
    }

    @Test
    void everyManifestIsAValidKubernetesObject() {
        assertThat(objects).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode object : objects) {
            assertThat(errors(object)).as(object.path("kind").asString() + " " + object.path("metadata").path("name")).isEmpty();
        }
    }

    @Test
    void theSchemasRefuseWhatKubectlWouldRefuse() {
        ObjectNode typo = (ObjectNode) one("Deployment").deepCopy();
        ((ObjectNode) typo.path("spec").path("template").path("spec")).set("securityContex", JSON.createObjectNode());
        assertThat(errors(typo)).anySatisfy(e -> assertThat(e).contains("securityContex"));
        ObjectNode wrongType = (ObjectNode) one("Deployment").deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
        assertThat(errors(wrongType)).isNotEmpty();
        ObjectNode noSelector = (ObjectNode) one("Deployment").deepCopy();
        ((ObjectNode) noSelector.path("spec")).remove("selector");
        assertThat(errors(noSelector)).anySatisfy(e -> assertThat(e).contains("selector"));
    }

    @Test
    void podSecurityRestricted() {
        JsonNode podSecurity = pod().path("spec").path("securityContext");
        JsonNode security = container().path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean() || security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSecurity.path("runAsUser").asInt(security.path("runAsUser").asInt())).isPositive();
        assertThat(List.of(podSecurity.path("seccompProfile").path("type").asString(""),
                security.path("seccompProfile").path("type").asString(""))).contains("RuntimeDefault");
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");
        assertThat(security.path("capabilities").path("add").isMissingNode()).isTrue();
        assertThat(security.path("privileged").asBoolean(false)).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(pod().path("spec").path("hostNetwork").asBoolean(false)).isFalse();
        pod().path("spec").path("volumes").forEach(v -> assertThat(v.has("hostPath")).as(v.toString()).isFalse());
        // a writable /tmp for the gate's and Tomcat's folders, on an emptyDir
        JsonNode tmp = mount("/tmp");
        assertThat(volume(tmp.path("name").asString()).has("emptyDir")).isTrue();
    }

    @Test
    void productionProfileOnPostgresFromASecretAndKeysFromASecret() {
        Map<String, JsonNode> env = env();
        assertThat(env.get("SPRING_PROFILES_ACTIVE").path("value").asString()).isEqualTo(ProductionProfile.NAME);
        for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                "QAGIDA_API_KEYS")) {
            JsonNode ref = env.get(name).path("valueFrom").path("secretKeyRef");
            assertThat(ref.isObject()).as(name + " from a Secret").isTrue();
            JsonNode secret = all("Secret").stream()
                    .filter(s -> s.path("metadata").path("name").asString().equals(ref.path("name").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Secret " + ref.path("name")));
            assertThat(secret.path("stringData").has(ref.path("key").asString())).as(name).isTrue();
            if (name.equals("SPRING_DATASOURCE_URL")) {
                assertThat(secret.path("stringData").path(ref.path("key").asString()).asString()).startsWith("jdbc:postgresql:");
            }
        }
        assertThat(objects.toString().toLowerCase()).doesNotContain("jdbc:h2", "h2:file", "h2:mem");
        String options = env.get("JAVA_TOOL_OPTIONS").path("value").asString();
        assertThat(options).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void memoryRequestsAndLimitsAreSet() {
        JsonNode resources = container().path("resources");
        assertThat(resources.path("limits").path("memory").asString("")).matches("\\d+(Mi|Gi)");
        assertThat(resources.path("requests").path("memory").asString("")).matches("\\d+(Mi|Gi)");
        assertThat(resources.path("requests").path("cpu").asString("")).isNotEmpty();
    }

    @Test
    void probesAndMetricsUseTheManagementPort() {
        JsonNode management = null;
        for (JsonNode port : container().path("ports")) {
            if (port.path("containerPort").asInt() == managementPort) {
                management = port;
            }
        }
        assertThat(management).as("a container port " + managementPort).isNotNull();
        String name = management.path("name").asString();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container().path(probe).path("httpGet");
            assertThat(get.path("port").asString()).as(probe).isIn(name, String.valueOf(managementPort));
            assertThat(get.path("path").asString()).as(probe).startsWith("/actuator/health/");
        }
        assertThat(container().path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/readiness");
        assertThat(container().path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(pod().path("metadata").path("annotations").path("prometheus.io/port").asString())
                .isEqualTo(String.valueOf(managementPort));
        // the Service carries the API only
        one("Service").path("spec").path("ports").forEach(p -> assertThat(p.path("targetPort").asString())
                .isNotIn(name, String.valueOf(managementPort)));
    }

    @Test
    void aNetworkPolicyAdmitsOnlyTheScraperToTheManagementPort() {
        JsonNode policy = one("NetworkPolicy").path("spec");
        assertThat(policy.path("podSelector").path("matchLabels"))
                .isEqualTo(one("Deployment").path("spec").path("selector").path("matchLabels"));
        assertThat(policy.path("policyTypes").toString()).contains("Ingress");
        String management = container().path("readinessProbe").path("httpGet").path("port").asString();
        int rulesForManagement = 0;
        for (JsonNode rule : policy.path("ingress")) {
            boolean opensManagement = false;
            for (JsonNode port : rule.path("ports")) {
                opensManagement |= port.path("port").asString().equals(management)
                        || port.path("port").asString().equals(String.valueOf(managementPort));
            }
            assertThat(rule.path("ports").isEmpty()).as("a rule without ports opens every port").isFalse();
            if (opensManagement) {
                rulesForManagement++;
                assertThat(rule.path("from")).as("the management port's sources").isNotEmpty();
                rule.path("from").forEach(from -> {
                    assertThat(from.path("namespaceSelector").path("matchLabels").isEmpty()).isFalse();
                    assertThat(from.path("podSelector").path("matchLabels").isEmpty()).isFalse();
                    assertThat(from.has("ipBlock")).isFalse();
                });
            }
        }
        assertThat(rulesForManagement).isEqualTo(1);
    }

    @Test
    void twoReplicasAndADisruptionBudget() {
        int replicas = one("Deployment").path("spec").path("replicas").asInt();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        JsonNode budget = one("PodDisruptionBudget").path("spec");
        assertThat(budget.path("selector").path("matchLabels"))
                .isEqualTo(one("Deployment").path("spec").path("selector").path("matchLabels"));
        assertThat(budget.path("minAvailable").asInt()).isBetween(1, replicas - 1);
    }

    static JsonNode mount(String path) {
        for (JsonNode m : container().path("volumeMounts")) {
            if (m.path("mountPath").asString().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("nothing mounted on " + path);
    }

    static JsonNode volume(String name) {
        for (JsonNode v : pod().path("spec").path("volumes")) {
            if (v.path("name").asString().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }
}

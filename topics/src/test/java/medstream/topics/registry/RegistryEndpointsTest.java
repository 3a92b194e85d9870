package medstream.topics.registry;

import static medstream.topics.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import medstream.topics.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the embedded registry that Confluent's clients call, over plain HTTP, with the status and body
 * that Confluent's registry answers (its API reference and resources); the errors are in {@link RegistryErrorCodesTest}.
 *
 * <p>Fixture, registered fresh for each test: {@code s-value} has versions 1 ({@link #V1}) and 2 ({@link #V2});
 * {@code gone-value} has version 1 ({@link #OTHER}), soft-deleted as a subject; {@code half-value} has version 1
 * ({@link #OTHER}) soft-deleted and version 2 ({@link #THIRD}) live.
 */
class RegistryEndpointsTest {
    static final String V1 = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    static final String V2 = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
    /** Reads V2's data but not V1's: field b has no default. */
    static final String B_WITHOUT_DEFAULT = "{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\"}]}";
    static final String OTHER = "{\"type\":\"record\",\"name\":\"O\",\"fields\":[{\"name\":\"o\",\"type\":\"long\"}]}";
    static final String THIRD = "{\"type\":\"record\",\"name\":\"O\",\"fields\":[{\"name\":\"o\",\"type\":\"long\"},"
            + "{\"name\":\"p\",\"type\":\"long\",\"default\":0}]}";
    static final String TYPE = "application/vnd.schemaregistry.v1+json";

    private EmbeddedSchemaRegistryServer server;
    private RegistryHttp http;
    private int v1;
    private int v2;
    private int other;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedSchemaRegistryServer.start(0);
        http = new RegistryHttp(server.url());
        v1 = http.register("s-value", V1);
        v2 = http.register("s-value", V2);
        other = http.register("gone-value", OTHER);
        registerDeletedSubjects(http);
    }

    /** The rest of the fixture: {@code gone-value} soft-deleted, {@code half-value}'s version 1 soft-deleted. */
    static void registerDeletedSubjects(RegistryHttp http) throws Exception {
        http.register("half-value", OTHER);
        http.register("half-value", THIRD);
        if (http.delete("/subjects/gone-value").status() != 200 || http.delete("/subjects/half-value/versions/1").status() != 200) {
            throw new AssertionError("the fixture's deletes failed");
        }
    }

    @AfterEach
    void stop() { server.close(); }

    @Test
    void givenTheRoot_whenAskedForItAndForSchemaTypes_thenAnEmptyObjectAndAvroOnly() throws Exception {
        assertThat(http.get("/").json().toString()).isEqualTo("{}");
        assertThat(http.get("/schemas/types").json().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void givenARegisteredSchema_whenFetchedByIdAndAsRawSchema_thenTheSchemaComesBackEscapedAndRaw() throws Exception {
        Reply byId = http.get("/schemas/ids/" + v1);
        Reply rawById = http.get("/schemas/ids/" + v1 + "/schema");
        Reply rawByVersion = http.get("/subjects/s-value/versions/1/schema");

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contentType()).isEqualTo(TYPE);
        assertThat(RegistryHttp.JSON.readTree(byId.json().path("schema").asText())).isEqualTo(RegistryHttp.JSON.readTree(V1));
        assertThat(rawById.json()).isEqualTo(RegistryHttp.JSON.readTree(V1));
        assertThat(rawByVersion.json()).isEqualTo(RegistryHttp.JSON.readTree(V1));
    }

    @Test
    void givenOneSchemaUnderTwoSubjects_whenAskingWhereItsIdIsUsed_thenBothSubjectsAndTheirVersions() throws Exception {
        assertThat(http.register("t-value", V1)).as("one id per distinct schema").isEqualTo(v1);

        assertThat(http.get("/schemas/ids/" + v1 + "/subjects").json().toString()).isEqualTo("[\"s-value\",\"t-value\"]");
        assertThat(http.get("/schemas/ids/" + v1 + "/versions").json().toString())
                .isEqualTo("[{\"subject\":\"s-value\",\"version\":1},{\"subject\":\"t-value\",\"version\":1}]");
        assertThat(http.get("/schemas/ids/" + other + "/subjects").errorCode())
                .as("only soft-deleted versions hold it: not found unless deleted=true").isEqualTo(40403);
        assertThat(http.get("/schemas/ids/" + other + "/subjects?deleted=true").json().toString())
                .isEqualTo("[\"gone-value\",\"half-value\"]");
    }

    @Test
    void givenTwoVersions_whenFetchedByNumberLatestAndMinusOne_thenSubjectVersionIdAndSchema() throws Exception {
        Reply first = http.get("/subjects/s-value/versions/1");
        Reply latest = http.get("/subjects/s-value/versions/latest");
        Reply minusOne = http.get("/subjects/s-value/versions/-1");

        assertThat(first.json().path("subject").asText()).isEqualTo("s-value");
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("id").asInt()).isEqualTo(v1);
        assertThat(latest.json().path("version").asInt()).isEqualTo(2);
        assertThat(latest.json().path("id").asInt()).isEqualTo(v2);
        assertThat(minusOne.json()).isEqualTo(latest.json());
        assertThat(http.get("/subjects/s-value/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void givenARegisteredSchema_whenLookedUpUnderItsSubject_thenItsVersionAndId() throws Exception {
        Reply found = http.call("POST", "/subjects/s-value", schemaBody(V1));
        Reply deleted = http.call("POST", "/subjects/half-value", schemaBody(OTHER));
        Reply deletedAsked = http.call("POST", "/subjects/half-value?deleted=true", schemaBody(OTHER));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("version").asInt()).isEqualTo(1);
        assertThat(found.json().path("id").asInt()).isEqualTo(v1);
        assertThat(deleted.errorCode()).as("a soft-deleted version is not found by default").isEqualTo(40403);
        assertThat(deletedAsked.json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void givenSubjectsWithDeletedOnes_whenListed_thenDeletedOnesOnlyWhenAsked() throws Exception {
        assertThat(http.get("/subjects").json().toString()).isEqualTo("[\"half-value\",\"s-value\"]");
        assertThat(http.get("/subjects?deleted=true").json().toString()).isEqualTo("[\"gone-value\",\"half-value\",\"s-value\"]");
        assertThat(http.get("/subjects?deletedOnly=true").json().toString()).isEqualTo("[\"gone-value\"]");
        assertThat(http.get("/subjects?subjectPrefix=s-").json().toString()).isEqualTo("[\"s-value\"]");
        assertThat(http.get("/subjects/half-value/versions").json().toString()).isEqualTo("[2]");
        assertThat(http.get("/subjects/half-value/versions?deleted=true").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void givenAVersion_whenSoftDeletedThenPermanentlyDeleted_thenItLeavesTheListingsButItsIdStaysWhileAnyVersionHoldsIt()
            throws Exception {
        Reply soft = http.delete("/subjects/s-value/versions/1");
        JsonNode listedAfterSoft = http.get("/subjects/s-value/versions").json();
        Reply hidden = http.get("/subjects/s-value/versions/1");
        Reply asked = http.get("/subjects/s-value/versions/1?deleted=true");
        Reply byIdAfterSoft = http.get("/schemas/ids/" + v1);
        Reply permanent = http.delete("/subjects/s-value/versions/1?permanent=true");
        Reply byIdAfterPermanent = http.get("/schemas/ids/" + v1);

        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.json().asInt()).as("the body is the deleted version").isEqualTo(1);
        assertThat(listedAfterSoft.toString()).isEqualTo("[2]");
        assertThat(hidden.errorCode()).isEqualTo(40402);
        assertThat(asked.json().path("id").asInt()).isEqualTo(v1);
        assertThat(byIdAfterSoft.status()).as("old records stay readable after a soft delete").isEqualTo(200);
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.json().asInt()).isEqualTo(1);
        assertThat(http.get("/subjects/s-value/versions?deleted=true").json().toString()).isEqualTo("[2]");
        assertThat(byIdAfterPermanent.errorCode()).isEqualTo(40403);
    }

    @Test
    void givenASubject_whenSoftDeletedThenPermanentlyDeleted_thenEachAnswersTheDeletedVersions() throws Exception {
        Reply soft = http.delete("/subjects/s-value");
        Reply versionsAfterSoft = http.get("/subjects/s-value/versions");
        Reply permanent = http.delete("/subjects/s-value?permanent=true");

        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.json().toString()).isEqualTo("[1,2]");
        assertThat(versionsAfterSoft.errorCode()).isEqualTo(40401);
        assertThat(permanent.json().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects?deleted=true").json().toString()).doesNotContain("\"s-value\"");
        assertThat(http.get("/schemas/ids/" + v2).errorCode()).isEqualTo(40403);
        assertThat(http.register("s-value", V2)).as("a schema registered again gets its old id back").isEqualTo(v2);
        assertThat(http.get("/subjects/s-value/versions").json().toString()).as("numbering restarts once nothing is left")
                .isEqualTo("[1]");
    }

    @Test
    void givenASoftDeletedSchema_whenRegisteredAgain_thenANewVersionWithTheSameIdAndNewSchemasGetNewIds() throws Exception {
        int again = http.register("gone-value", OTHER);
        int fresh = http.register("fresh-value", "{\"type\":\"record\",\"name\":\"F\",\"fields\":[]}");

        assertThat(again).isEqualTo(other);
        assertThat(http.get("/subjects/gone-value/versions").json().toString()).isEqualTo("[2]");
        assertThat(fresh).as("ids are never reused").isGreaterThan(Math.max(Math.max(v1, v2), other) + 1);
    }

    @Test
    void givenTwoVersions_whenCheckingCompatibilityAgainstEachVersion_thenEachIsCheckedOnItsOwn() throws Exception {
        Reply againstV1 = http.call("POST", "/compatibility/subjects/s-value/versions/1?verbose=true", schemaBody(B_WITHOUT_DEFAULT));
        Reply againstV2 = http.call("POST", "/compatibility/subjects/s-value/versions/2", schemaBody(B_WITHOUT_DEFAULT));
        Reply againstLatest = http.call("POST", "/compatibility/subjects/s-value/versions/latest", schemaBody(B_WITHOUT_DEFAULT));

        assertThat(againstV1.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(againstV1.json().path("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(againstV2.json().toString()).as("no messages without verbose").isEqualTo("{\"is_compatible\":true}");
        assertThat(againstLatest.json().path("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void givenATransitiveLevel_whenCheckingAgainstTheSubject_thenEveryLiveVersionCountsAsForARegistration() throws Exception {
        http.call("PUT", "/config/s-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");

        Reply all = http.call("POST", "/compatibility/subjects/s-value/versions", schemaBody(B_WITHOUT_DEFAULT));
        Reply unknownSubject = http.call("POST", "/compatibility/subjects/nobody-value/versions/latest", schemaBody(V1));

        assertThat(all.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(unknownSubject.json().path("is_compatible").asBoolean())
                .as("nothing to break: Confluent answers compatible for latest of an unknown subject").isTrue();
    }

    @Test
    void givenLevels_whenSetReadAndDeleted_thenSubjectLevelsFallBackToTheGlobalOneOnlyWhenAsked() throws Exception {
        Reply putGlobal = http.call("PUT", "/config", "{\"compatibility\":\"full\"}");
        Reply notOwn = http.get("/config/s-value");
        Reply defaulted = http.get("/config/s-value?defaultToGlobal=true");
        Reply putOwn = http.call("PUT", "/config/s-value", "{\"compatibility\":\"NONE\"}");
        Reply own = http.get("/config/s-value");
        Reply deleteOwn = http.delete("/config/s-value");
        Reply afterDelete = http.get("/config/s-value");
        Reply deleteGlobal = http.delete("/config");

        assertThat(putGlobal.json().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(notOwn.status()).isEqualTo(404);
        assertThat(notOwn.errorCode()).isEqualTo(40408);
        assertThat(defaulted.json().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(putOwn.json().toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(own.json().toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(deleteOwn.json().toString()).as("the deleted level").isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(afterDelete.errorCode()).isEqualTo(40408);
        assertThat(deleteGlobal.json().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(http.get("/config").json().toString()).as("back to the default").isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void givenTheMode_whenReadAndSetToReadWrite_thenReadWrite() throws Exception {
        assertThat(http.get("/mode").json().toString()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.get("/mode/s-value?defaultToGlobal=true").json().toString()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.call("PUT", "/mode", "{\"mode\":\"READWRITE\"}").json().toString()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.call("PUT", "/mode/s-value", "{\"mode\":\"readwrite\"}").status()).isEqualTo(200);
    }

    @Test
    void givenSchemasWithoutMetadata_whenAskingForTheLatestWithNoMetadataFilter_thenTheLatestVersion() throws Exception {
        Reply latest = http.get("/subjects/s-value/metadata?deleted=false&");

        assertThat(latest.json().path("version").asInt()).isEqualTo(2);
        assertThat(latest.json().path("id").asInt()).isEqualTo(v2);
    }

    @Test
    void givenAVersion_whenAskingWhatReferencesIt_thenNothingSinceSchemasHaveNoReferences() throws Exception {
        assertThat(http.get("/subjects/s-value/versions/1/referencedby").json().toString()).isEqualTo("[]");
    }
}

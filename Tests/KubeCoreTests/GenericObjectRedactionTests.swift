import Foundation
import KubeCore
import Testing

@Suite("GenericObject redaction")
struct GenericObjectRedactionTests {
    /// A Secret as `kubectl apply` leaves it: the annotation holds the applied manifest, values included.
    static let applied = #"""
        {"apiVersion":"v1","kind":"Secret","type":"Opaque",
         "metadata":{"name":"slack","namespace":"shop","annotations":{
           "kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"data\":{\"token\":\"eG94Yi1zZWNyZXQ=\"},\"kind\":\"Secret\"}\n",
           "team":"payments"}},
         "data":{"token":"eG94Yi1zZWNyZXQ="},"stringData":{"extra":"plain-secret"}}
        """#

    @Test func valuesAndTheLastAppliedConfigurationAreRedactedInTheEncodedObject() throws {
        let secret = try KubeJSON.decode(GenericObject.self, from: Data(Self.applied.utf8))

        let redacted = secret.redactingSecretValues()

        let expected = try JSONValue(parsing: Data(#"""
            {"apiVersion":"v1","kind":"Secret","type":"Opaque",
             "metadata":{"name":"slack","namespace":"shop","annotations":{
               "kubectl.kubernetes.io/last-applied-configuration":"<redacted>","team":"payments"}},
             "data":{"token":"<redacted>"},"stringData":{"extra":"<redacted>"}}
            """#.utf8))
        let encoded = try KubeJSON.makeEncoder().encode(redacted)
        #expect(try JSONValue(parsing: encoded) == expected)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(!text.contains("eG94Yi1zZWNyZXQ"))
        #expect(!text.contains("plain-secret"))
    }

    @Test func aSecretWithoutAnnotationsOrValuesIsUnchanged() throws {
        let secret = try KubeJSON.decode(
            GenericObject.self, from: Data(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"empty"}}"#.utf8))
        #expect(secret.redactingSecretValues() == secret)
    }
}

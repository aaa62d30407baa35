import Foundation
import Testing
import TocsinNotifiers

@Suite struct OpsgenieWebhookTests {
    /// An acknowledgement made in Opsgenie's web app, as its Webhook integration posts it.
    static let acknowledgedInWeb = #"""
        {
          "source": {"name": "", "type": "web"},
          "alert": {
            "updatedAt": 1763632800123000000,
            "tags": ["k8s", "prod", "severity:critical", "namespace:shop"],
            "message": "Pod shop/api-7d9f crash looping",
            "username": "alice@example.com",
            "alertId": "8743a1b2-11da-480e-8493-744660987bef",
            "source": "tocsin",
            "alias": "7f3a9c2e4b1d",
            "tinyId": "42",
            "createdAt": 1763632795104,
            "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
            "entity": "Deployment shop/api"
          },
          "action": "Acknowledge",
          "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
          "integrationName": "Tocsin webhook"
        }
        """#

    /// A note added from the mobile app.
    static let noteFromMobile = #"""
        {
          "source": {"name": "", "type": "mobile"},
          "alert": {
            "message": "Pod shop/api-7d9f crash looping", "username": "bob@example.com",
            "alertId": "8743a1b2-11da-480e-8493-744660987bef", "source": "tocsin", "alias": "7f3a9c2e4b1d",
            "tinyId": "42", "createdAt": 1763632795104, "userId": "4c2f0b9e-1111-4a3e-9d3c-1f2e3d4c5b6a",
            "note": "Rolled back to v41", "entity": "Deployment shop/api"
          },
          "action": "AddNote",
          "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
          "integrationName": "Tocsin webhook"
        }
        """#

    /// A close Tocsin itself made through the Alert API (`source: tocsin`), echoed back by the webhook.
    static let closedByTocsin = #"""
        {
          "source": {"name": "tocsin", "type": "API"},
          "alert": {
            "message": "Pod shop/api-7d9f crash looping", "username": "Tocsin", "alertId": "8743a1b2",
            "source": "tocsin", "alias": "7f3a9c2e4b1d", "tinyId": "42", "entity": ""
          },
          "action": "Close",
          "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
          "integrationName": "Tocsin webhook"
        }
        """#

    @Test func parsesAnAcknowledgementMadeInTheWebApp() throws {
        let event = try OpsgenieWebhookEvent(jsonData: Data(Self.acknowledgedInWeb.utf8))
        #expect(
            event
                == OpsgenieWebhookEvent(
                    action: .acknowledge, alias: "7f3a9c2e4b1d", alertID: "8743a1b2-11da-480e-8493-744660987bef",
                    tinyID: "42", message: "Pod shop/api-7d9f crash looping", username: "alice@example.com",
                    userID: "daed1180-0ce8-438b-8f8e-57e1a5920a2d", note: nil,
                    source: .init(name: "", type: "web"), integrationID: "37c8f316-17c6-49d7-899b-9c7e540c048d",
                    integrationName: "Tocsin webhook"))
        #expect(event.actor == "opsgenie:alice@example.com")
        // The alert says source "tocsin" because Tocsin created it; the acknowledgement is Alice's.
        #expect(!event.isOriginatedByTocsin())
    }

    @Test func parsesANoteWithItsText() throws {
        let event = try OpsgenieWebhookEvent(jsonData: Data(Self.noteFromMobile.utf8))
        #expect(event.action == .addNote)
        #expect(event.note == "Rolled back to v41")
        #expect(event.alias == "7f3a9c2e4b1d")
        #expect(event.actor == "opsgenie:bob@example.com")
        #expect(event.source == .init(name: "", type: "mobile"))
        #expect(!event.isOriginatedByTocsin())
    }

    @Test func recognisesAnActionTocsinTookItself() throws {
        let event = try OpsgenieWebhookEvent(jsonData: Data(Self.closedByTocsin.utf8))
        #expect(event.action == .close)
        #expect(event.isOriginatedByTocsin())
        #expect(event.isOriginatedByTocsin(source: "TOCSIN ", user: nil))
        #expect(event.isOriginatedByTocsin(source: "tocsin-prod", user: "tocsin"))
        #expect(!event.isOriginatedByTocsin(source: "tocsin-prod", user: "Tocsin-prod"))
    }

    @Test(arguments: [
        ("Acknowledge", OpsgenieWebhookEvent.Action.acknowledge), ("Close", .close), ("AddNote", .addNote),
        ("Create", .unsupported("Create")), ("UnAcknowledge", .unsupported("UnAcknowledge")),
        ("Escalate", .unsupported("Escalate")), ("close", .unsupported("close")),
    ])
    func parsesEveryActionName(name: String, action: OpsgenieWebhookEvent.Action) throws {
        let json = #"{"action": "\#(name)", "alert": {"alias": "fp"}, "source": {"name": "", "type": "web"}}"#
        let event = try OpsgenieWebhookEvent(jsonData: Data(json.utf8))
        #expect(event.action == action)
        #expect(event.alias == "fp")
    }

    @Test func toleratesAMinimalPayload() throws {
        let event = try OpsgenieWebhookEvent(jsonData: Data(#"{"action": "Close"}"#.utf8))
        #expect(event == OpsgenieWebhookEvent(action: .close))
        #expect(event.actor == "opsgenie:unknown")
        #expect(!event.isOriginatedByTocsin())
    }

    @Test(arguments: [
        ("not json", "Opsgenie webhook payload is not an alert action (a JSON object with an \"action\"): not JSON"),
        (
            "[]",
            "Opsgenie webhook payload is not an alert action (a JSON object with an \"action\"): unexpected value at "
        ),
        (
            #"{"alert": {}}"#,
            "Opsgenie webhook payload is not an alert action (a JSON object with an \"action\"): missing \"action\""
        ),
        (
            #"{"action": 3}"#,
            "Opsgenie webhook payload is not an alert action (a JSON object with an \"action\"): unexpected value at action"
        ),
        (#"{"action": " "}"#, "Opsgenie webhook payload has an empty \"action\""),
    ])
    func refusesAMalformedPayload(body: String, message: String) {
        #expect(throws: OpsgenieWebhookError(code: .malformedPayload, message: message)) {
            try OpsgenieWebhookEvent(jsonData: Data(body.utf8))
        }
    }

    @Test func refusesAnOversizedPayload() {
        let body = Data(count: OpsgenieWebhookEvent.maximumPayloadSize + 1)
        #expect(throws: OpsgenieWebhookError.self) { try OpsgenieWebhookEvent(jsonData: body) }
    }
}
